using System.Collections.Immutable;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.LoadTest.Baselines;

/// <summary>
/// One coordinator, one call per update, not reentrant. It reuses the real design's <see cref="FootprintSums"/>
/// and builds its read snapshot only when read, which is the cheapest a single-grain design can be: the
/// comparison is then about the architecture, not about a deliberately slow baseline.
/// </summary>
internal sealed class NaiveFootprintGrain : Grain, INaiveFootprintGrain
{
    private readonly Dictionary<string, RegionSnapshot> _regions = new(StringComparer.Ordinal);
    private readonly FootprintSums _sums = new();
    private GlobalFootprint? _snapshot;

    public Task ApplyAsync(RegionSnapshot snapshot)
    {
        _regions.TryGetValue(snapshot.Id, out var previous);
        if (previous is null || previous.Version < snapshot.Version)
        {
            _regions[snapshot.Id] = snapshot;
            _sums.Replace(previous, snapshot);
            _snapshot = null;
        }

        return Task.CompletedTask;
    }

    public Task<GlobalFootprint> GetAsync() => Task.FromResult(_snapshot ??= Build());

    private GlobalFootprint Build()
    {
        var aggregate = _sums.ToAggregate(0, [], null);
        return new GlobalFootprint(
            aggregate.Regions,
            Enum.GetValues<RegionStatus>().ToImmutableSortedDictionary(s => s, s => aggregate.ByStatus.GetValueOrDefault(s)),
            Enum.GetValues<Geography>().ToImmutableSortedDictionary(g => g, g => aggregate.ByGeography.GetValueOrDefault(g)),
            aggregate.Resources.ToImmutableSortedDictionary(StringComparer.Ordinal),
            DateTimeOffset.UtcNow);
    }
}
