using System.Collections.Concurrent;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A grain call filter on every silo of the test cluster with two switches: while <see cref="RefusePushes"/> is in
/// force, footprint partitions refuse every push that carries a watched snapshot before it reaches them (as if the
/// push were lost with a crash: the region's change is journaled, the partition never hears of it); while
/// <see cref="RecordCalls"/> is in force, every call that reaches a watched region is counted, the oracle for which
/// regions a partition read back (a region is activated only by a call).
/// </summary>
public sealed class FootprintProbe : IIncomingGrainCallFilter
{
    private static Func<RegionSnapshot, bool>? _refused;
    private static Recording? _recording;

    /// <summary>Refuses pushes carrying a snapshot that <paramref name="refused"/> picks until the result is disposed.</summary>
    public static IDisposable RefusePushes(Func<RegionSnapshot, bool> refused)
    {
        _refused = refused;
        return new Release(() => _refused = null);
    }

    /// <summary>Counts the calls that reach the regions <paramref name="regionIds"/> until the result is disposed.</summary>
    public static Recording RecordCalls(IEnumerable<string> regionIds)
    {
        var recording = new Recording(regionIds);
        _recording = recording;
        return recording;
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        if (_recording is { } recording && method?.DeclaringType == typeof(IRegionGrain))
        {
            recording.Add(context.TargetId.Key.ToString()!, method.Name);
        }

        if (_refused is { } refused
            && method?.DeclaringType == typeof(IFootprintPartitionGrain)
            && method.Name == nameof(IFootprintPartitionGrain.PublishAsync)
            && context.Request.GetArgument(0) is ImmutableArray<RegionPush> pushes
            && pushes.Any(p => refused(p.Snapshot)))
        {
            throw new IOException("Injected fault: the partition refuses a push it must never hear of.");
        }

        return context.Invoke();
    }

    /// <summary>Calls counted per watched region, as "region: method".</summary>
    public sealed class Recording(IEnumerable<string> regionIds) : IDisposable
    {
        private readonly HashSet<string> _watched = new(regionIds, StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _calls = new();

        /// <summary>Every call seen, in order.</summary>
        public IReadOnlyList<string> Calls => [.. _calls];

        /// <summary>The regions that were called at all.</summary>
        public IReadOnlySet<string> Called => _calls.Select(c => c[..c.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);

        internal void Add(string regionId, string method)
        {
            if (_watched.Contains(regionId))
            {
                _calls.Enqueue($"{regionId}: {method}");
            }
        }

        public void Dispose()
        {
            if (_recording == this)
            {
                _recording = null;
            }
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
