using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Tests.Footprint;

public sealed class RegionPagingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MembersWithoutASnapshotAreReportedAsUnreadAndLeftOutOfThePage()
    {
        var ids = new SortedSet<string>(["r-1", "r-2", "r-3", "r-4", "r-5"], StringComparer.Ordinal);
        var known = new Dictionary<string, RegionSnapshot> { ["r-1"] = Snapshot("r-1"), ["r-3"] = Snapshot("r-3"), ["r-5"] = Snapshot("r-5") };
        var unread = new List<string>();

        var page = RegionPaging.Page(ids, known, new RegionPageQuery(null, 2), unread);

        Assert.Equal(["r-1", "r-3"], page.Regions.Select(r => r.Id));
        Assert.Equal(["r-2", "r-4"], unread);
    }

    [Fact]
    public void APageWithEverySnapshotKnownReportsNothingUnreadAndWhetherMoreFollow()
    {
        var ids = new SortedSet<string>(["r-1", "r-2", "r-3"], StringComparer.Ordinal);
        var known = ids.ToDictionary(id => id, Snapshot);
        var unread = new List<string>();

        var page = RegionPaging.Page(ids, known, new RegionPageQuery("r-1", 1), unread);

        Assert.Equal(["r-2"], page.Regions.Select(r => r.Id));
        Assert.True(page.HasMore);
        Assert.Empty(unread);
    }

    [Fact]
    public void UnconfirmedSnapshotsAreReportedAsUnreadAndLeftOutOfThePage()
    {
        var ids = new SortedSet<string>(["r-1", "r-2", "r-3"], StringComparer.Ordinal);
        var known = ids.ToDictionary(id => id, Snapshot);
        var unread = new List<string>();

        var page = RegionPaging.Page(ids, known, new RegionPageQuery(null, 5), unread, new HashSet<string>(["r-2"], StringComparer.Ordinal));

        Assert.Equal(["r-1", "r-3"], page.Regions.Select(r => r.Id));
        Assert.Equal(["r-2"], unread);
    }

    [Fact]
    public void OneCallCollectsAtMostOneMoreUnreadIdThanThePageHolds()
    {
        var ids = new SortedSet<string>(Enumerable.Range(0, 100).Select(i => $"r-{i:D3}"), StringComparer.Ordinal);
        var unread = new List<string>();

        var page = RegionPaging.Page(ids, new Dictionary<string, RegionSnapshot>(), new RegionPageQuery(null, 10), unread);

        Assert.Empty(page.Regions);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"r-{i:D3}"), unread);
    }

    private static RegionSnapshot Snapshot(string id) =>
        new(id, new RegionDefinition(id, "BR", Geography.Americas, 0, 0), RegionStatus.Online, ImmutableSortedDictionary<string, CapacityPool>.Empty, 0, 1, Now);
}
