using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Tests.Footprint;

/// <summary>The partition sums on their own: pure, no cluster. They are checked: an overflow fails loudly instead of publishing a negative total.</summary>
public sealed class FootprintSumsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ServiceCentersAreCountedByKindAndLeftOutOfTheCapacitySums()
    {
        var sums = new FootprintSums();

        sums.Replace(null, Snapshot("dc-1", SiteKind.DataCenter, new CapacityPool(100, 30)));
        sums.Replace(null, Snapshot("dc-2", SiteKind.DataCenter, new CapacityPool(50, 5)));

        // The rules never give a service center a pool; even a snapshot that carried one stays out of the sums.
        sums.Replace(null, Snapshot("sc-1", SiteKind.ServiceCenter, new CapacityPool(1_000, 999)));
        sums.Replace(null, Snapshot("sc-2", SiteKind.ServiceCenter, null));
        var aggregate = sums.ToAggregate(0, [], null);

        Assert.Equal(4, aggregate.Regions);
        Assert.Equal(2, aggregate.ByKind[SiteKind.DataCenter]);
        Assert.Equal(2, aggregate.ByKind[SiteKind.ServiceCenter]);
        Assert.Equal(150, aggregate.Resources["gpus"].Total);
        Assert.Equal(35, aggregate.Resources["gpus"].Reserved);
    }

    [Fact]
    public void ReplacingAServiceCenterSnapshotKeepsItsCountAndTheSums()
    {
        var sums = new FootprintSums();
        var dataCenter = Snapshot("dc-1", SiteKind.DataCenter, new CapacityPool(10, 1));
        var serviceCenter = Snapshot("sc-1", SiteKind.ServiceCenter, null);
        sums.Replace(null, dataCenter);
        sums.Replace(null, serviceCenter);

        sums.Replace(serviceCenter, serviceCenter with { Status = RegionStatus.Maintenance, Version = 2 });
        var aggregate = sums.ToAggregate(0, [], null);

        Assert.Equal(1, aggregate.ByKind[SiteKind.ServiceCenter]);
        Assert.Equal(1, aggregate.ByStatus[RegionStatus.Maintenance]);
        Assert.Equal(new Abstractions.Footprint.ResourceTotals(10, 1, 10), aggregate.Resources["gpus"]);
    }

    [Fact]
    public void ASumThatWouldOverflowThrowsInsteadOfWrappingToANegativeTotal()
    {
        var sums = new FootprintSums();
        sums.Replace(null, Snapshot("a", SiteKind.DataCenter, new CapacityPool(long.MaxValue - 1, 0)));

        Assert.Throws<OverflowException>(() => sums.Replace(null, Snapshot("b", SiteKind.DataCenter, new CapacityPool(2, 0))));
    }

    [Fact]
    public void SumsOfCappedTotalsAreExact()
    {
        var sums = new FootprintSums();
        for (var i = 0; i < 1_000; i++)
        {
            sums.Replace(null, Snapshot($"r-{i}", SiteKind.DataCenter, new CapacityPool(RegionValidation.MaxPoolTotal, 0)));
        }

        var aggregate = sums.ToAggregate(0, [], null);
        Assert.Equal(1_000 * RegionValidation.MaxPoolTotal, aggregate.Resources["gpus"].Total);
    }

    private static RegionSnapshot Snapshot(string id, SiteKind kind, CapacityPool? gpus) => new(
        id,
        kind == SiteKind.DataCenter
            ? new RegionDefinition(id, "DE", Geography.Europe, 50, 8)
            : new RegionDefinition(id, "DE", Geography.Europe, 50, 8, kind, ["de", "en"], "24/7"),
        RegionStatus.Online,
        gpus is null ? ImmutableSortedDictionary<string, CapacityPool>.Empty : ImmutableSortedDictionary<string, CapacityPool>.Empty.Add("gpus", gpus),
        0,
        1,
        Now);
}
