using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Invariants;
using RegionGrains.LoadTest.Targets;

namespace RegionGrains.LoadTest.Tests.Invariants;

/// <summary>The footprint invariant when the cluster is too large to list, on a cluster that holds other regions.</summary>
public sealed class FootprintInvariantTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task WithListingSkippedTheRunsRegionsAreComparedOnTopOfTheFootprintBeforeTheRun()
    {
        var cluster = new UnlistedCluster();
        cluster.Add(Region("catalog-1", RegionStatus.Online, 100));
        cluster.Add(Region("catalog-2", RegionStatus.Planned, 0));
        var before = await cluster.GetFootprintAsync(CancellationToken.None);
        var run = new RegionSet(3);
        foreach (var id in run.Ids)
        {
            cluster.Add(Region(id, RegionStatus.Online, 10));
        }

        var results = await InvariantChecker.CheckAsync(cluster, run, Settle, before, CancellationToken.None);

        Assert.True(results.FootprintMatchesRegions.Passed, results.FootprintMatchesRegions.Detail);
        Assert.Contains("before the run", results.FootprintMatchesRegions.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithListingSkippedARegionTheFootprintLostIsStillFound()
    {
        var cluster = new UnlistedCluster();
        cluster.Add(Region("catalog-1", RegionStatus.Online, 100));
        var before = await cluster.GetFootprintAsync(CancellationToken.None);
        var run = new RegionSet(2);
        cluster.Add(Region(run.Ids[0], RegionStatus.Online, 10));
        cluster.Add(Region(run.Ids[1], RegionStatus.Online, 10), countedInFootprint: false);

        var results = await InvariantChecker.CheckAsync(cluster, run, Settle, before, CancellationToken.None);

        Assert.False(results.FootprintMatchesRegions.Passed);
        Assert.Contains("regions 2, expected 3", results.FootprintMatchesRegions.Detail, StringComparison.Ordinal);
    }

    private static RegionView Region(string id, RegionStatus status, long racks) =>
        new(id, status, Geography.Europe, new Dictionary<string, PoolView> { [RegionSet.ReserveResource] = new(racks, 0, racks) }, 0);

    /// <summary>A cluster too large to list: regions are read one by one, and its footprint is what it counted.</summary>
    private sealed class UnlistedCluster : IRegionSource
    {
        private readonly Dictionary<string, RegionView> _regions = new(StringComparer.Ordinal);
        private readonly List<RegionView> _counted = [];

        public void Add(RegionView region, bool countedInFootprint = true)
        {
            _regions[region.Id] = region;
            if (countedInFootprint)
            {
                _counted.Add(region);
            }
        }

        public Task<IReadOnlyCollection<string>?> ListIdsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyCollection<string>?>(null);

        public Task<RegionView?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_regions.GetValueOrDefault(id));

        public Task<FootprintView> GetFootprintAsync(CancellationToken cancellationToken) => Task.FromResult(FootprintView.Sum(_counted));

        public Task<(long Missing, string Detail)> FindMissingAsync(RegionSet regions, IReadOnlyDictionary<string, RegionView> read, CancellationToken cancellationToken) =>
            Task.FromResult((0L, "no reservations"));
    }
}
