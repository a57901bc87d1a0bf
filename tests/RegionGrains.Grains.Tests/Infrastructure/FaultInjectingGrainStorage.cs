using System.Collections.Concurrent;
using Orleans.Storage;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// Real storage with one switch: writes of the grains named in <see cref="FailingWrites"/> throw before
/// reaching storage. Used to prove that a failed write is neither acknowledged nor kept in memory.
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public static ConcurrentDictionary<string, bool> FailingWrites { get; } = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FailingWrites.ContainsKey(grainId.Key.ToString()!)
            ? throw new IOException($"Injected write failure for {grainId}.")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
