using System.Collections.Concurrent;
using Orleans.Storage;

namespace RegionGrains.LoadTest.Cluster;

/// <summary>
/// Region state kept in this process only, so a coordinator run can take the disk out of the update path.
/// It keeps the object the grain hands it (region state is an immutable record) and checks etags like a
/// real provider. It also poses as a lifecycle participant because the SQLite provider it replaces
/// registered its name as one.
/// </summary>
internal sealed class InMemoryRegionStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (string ETag, object? Value)> _states = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = (T)stored.Value!;
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Guid.NewGuid().ToString("N");
        _states.AddOrUpdate(
            (stateName, grainId),
            _ => grainState.ETag is null ? (etag, grainState.State) : throw Conflict(grainId),
            (_, stored) => stored.ETag == grainState.ETag ? (etag, grainState.State) : throw Conflict(grainId));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _states.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Nothing to set up.
    }

    private static InconsistentStateException Conflict(GrainId grainId) => new($"In-memory etag conflict for {grainId}.");
}
