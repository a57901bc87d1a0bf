using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Placement;

namespace RegionGrains.Grains.Tests.Placement;

/// <summary>
/// Placement as pure rules, case by case: which regions can take an order, the figures a candidate carries, and the
/// order of each policy. Expectations are written out by hand or come from <see cref="PlacementBruteForce"/>.
/// </summary>
public sealed class PlacementRulesTests
{
    private static readonly DateTimeOffset UpdatedAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The order every filtering case asks for: 8 gpus and 2 racks.</summary>
    private static readonly PlacementQuery Order = Query(("gpus", 8), ("racks", 2));

    /// <summary>
    /// One change from a region that takes <see cref="Order"/> (Online data center in Europe, 64 gpus and 8 racks free),
    /// and whether the region is still a candidate after it.
    /// </summary>
    public static TheoryData<string, bool> FilterCases() => new()
    {
        { "nothing changed", true },
        { "status Planned", false },
        { "status UnderConstruction", false },
        { "status Launching", true },
        { "status Degraded", true },
        { "status Maintenance", false },
        { "status Offline", false },
        { "status Decommissioned", false },
        { "a service center", false },
        { "no racks pool", false },
        { "gpus in steps of 16", false },
        { "gpus in steps of 4", true },
        { "gpus at least 16 at a time", false },
        { "gpus at most 4 at a time", false },
        { "gpus at most 8 at a time", true },
        { "7 gpus available", false },
        { "exactly 8 gpus available", true },
        { "57 gpus held back", false },
        { "56 gpus held back", true },
        { "4 gpus overcommitted twice", true },
        { "3 gpus overcommitted twice", false },
        { "asked for Online", true },
        { "asked for Degraded", false },
        { "asked for Europe", true },
        { "asked for Americas", false },
        { "asked for data centers", true },
        { "asked for service centers", false },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void ARegionIsACandidateOnlyWhenItAcceptsReservationsMatchesTheFiltersAndEveryPoolTakesItsAmount(string change, bool candidate)
    {
        var gpus = new CapacityPool(64, 0);
        var racks = new CapacityPool(8, 0);
        var status = RegionStatus.Online;
        var kind = SiteKind.DataCenter;
        var query = Order;
        var hasRacks = true;
        switch (change)
        {
            case var s when s.StartsWith("status ", StringComparison.Ordinal):
                status = Enum.Parse<RegionStatus>(s["status ".Length..]);
                break;
            case "a service center": kind = SiteKind.ServiceCenter; break;
            case "no racks pool": hasRacks = false; break;
            case "gpus in steps of 16": gpus = gpus with { Policy = new PoolPolicy(StepSize: 16) }; break;
            case "gpus in steps of 4": gpus = gpus with { Policy = new PoolPolicy(StepSize: 4) }; break;
            case "gpus at least 16 at a time": gpus = gpus with { Policy = new PoolPolicy(MinUnit: 16) }; break;
            case "gpus at most 4 at a time": gpus = gpus with { Policy = new PoolPolicy(MaxUnit: 4) }; break;
            case "gpus at most 8 at a time": gpus = gpus with { Policy = new PoolPolicy(MaxUnit: 8) }; break;
            case "7 gpus available": gpus = gpus with { Reserved = 57 }; break;
            case "exactly 8 gpus available": gpus = gpus with { Reserved = 56 }; break;
            case "57 gpus held back": gpus = gpus with { Policy = new PoolPolicy(HeldBack: 57) }; break;
            case "56 gpus held back": gpus = gpus with { Policy = new PoolPolicy(HeldBack: 56) }; break;
            case "4 gpus overcommitted twice": gpus = new CapacityPool(4, 0, new PoolPolicy(Overcommit: 2m)); break;
            case "3 gpus overcommitted twice": gpus = new CapacityPool(3, 0, new PoolPolicy(Overcommit: 2m)); break;
            case "asked for Online": query = query with { Status = RegionStatus.Online }; break;
            case "asked for Degraded": query = query with { Status = RegionStatus.Degraded }; break;
            case "asked for Europe": query = query with { Geography = Geography.Europe }; break;
            case "asked for Americas": query = query with { Geography = Geography.Americas }; break;
            case "asked for data centers": query = query with { Kind = SiteKind.DataCenter }; break;
            case "asked for service centers": query = query with { Kind = SiteKind.ServiceCenter }; break;
            case "nothing changed": break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, "No such case.");
        }

        var pools = ImmutableSortedDictionary.CreateBuilder<string, CapacityPool>(StringComparer.Ordinal);
        pools["gpus"] = gpus;
        if (hasRacks)
        {
            pools["racks"] = racks;
        }

        var region = new RegionSnapshot(
            "filter-case",
            new RegionDefinition("Filter case", "DE", Geography.Europe, 50.11, 8.68, kind),
            status,
            pools.ToImmutable(),
            0,
            7,
            UpdatedAt);

        var found = PlacementRules.Candidate(region, query);

        Assert.Equal(candidate, found is not null);
        Assert.Equal(candidate, PlacementBruteForce.Fits(region, query));
    }

    [Fact]
    public void ACandidateCarriesWhatEachRequestedPoolHasAvailableItsUtilizationAndTheRegionsFigures()
    {
        var region = new RegionSnapshot(
            "figures",
            new RegionDefinition("Figures", "JP", Geography.AsiaPacific, 35.68, 139.69),
            RegionStatus.Degraded,
            Pools(("gpus", new CapacityPool(100, 90, new PoolPolicy(HeldBack: 20, Overcommit: 1.5m))), ("racks", new CapacityPool(10, 5)), ("cpus", new CapacityPool(1000, 0))),
            3,
            12,
            UpdatedAt);

        var candidate = PlacementRules.Candidate(region, Query(("gpus", 30), ("racks", 5)) with { Near = new GeoPoint(48.85, 2.35) })!;

        // gpus: (100 − 20) × 1.5 = 120 usable, 90 reserved: 30 available, 0.75 used. racks: 5 of 10.
        Assert.Equal([KeyValuePair.Create("gpus", 30L), KeyValuePair.Create("racks", 5L)], candidate.Available.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal([KeyValuePair.Create("gpus", 0.75), KeyValuePair.Create("racks", 0.5)], candidate.Utilization.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(0.625, candidate.MeanUtilization);
        Assert.Equal(PlacementBruteForce.DistanceKm(48.85, 2.35, 35.68, 139.69), candidate.DistanceKm!.Value, 0.5);
        Assert.InRange(candidate.DistanceKm.Value, 9_700, 9_750);
        Assert.Equal(("figures", "Figures", Geography.AsiaPacific, RegionStatus.Degraded, 12L, UpdatedAt), (candidate.RegionId, candidate.DisplayName, candidate.Geography, candidate.Status, candidate.Version, candidate.UpdatedAt));
        Assert.Null(PlacementRules.Candidate(region, Query(("gpus", 31))));
    }

    [Fact]
    public void PackPutsTheFullestFirstSpreadTheEmptiestAndTiesGoToTheLowerRegionId()
    {
        var regions = new[]
        {
            Simple("c-half", reserved: 32),
            Simple("a-quarter", reserved: 16),
            Simple("d-empty", reserved: 0),
            Simple("b-empty", reserved: 0),
            Simple("e-full-but-fits", reserved: 56),
        };

        var pack = PlacementRules.Best(regions, Query(("gpus", 8)) with { Policy = PlacementPolicy.Pack });
        var spread = PlacementRules.Best(regions, Query(("gpus", 8)) with { Policy = PlacementPolicy.Spread });

        Assert.Equal(["e-full-but-fits", "c-half", "a-quarter", "b-empty", "d-empty"], pack.Select(c => c.RegionId));
        Assert.Equal(["b-empty", "d-empty", "a-quarter", "c-half", "e-full-but-fits"], spread.Select(c => c.RegionId));
    }

    [Fact]
    public void NearestPutsTheClosestFirstAndRegionsAtTheSamePlaceGoByRegionId()
    {
        var regions = new[]
        {
            Simple("tokyo", latitude: 35.68, longitude: 139.69),
            Simple("paris-b", latitude: 48.85, longitude: 2.35),
            Simple("sao-paulo", latitude: -23.55, longitude: -46.63),
            Simple("paris-a", latitude: 48.85, longitude: 2.35),
            Simple("london", latitude: 51.51, longitude: -0.13),
        };

        var fromBrussels = PlacementRules.Best(regions, Query(("gpus", 8)) with { Policy = PlacementPolicy.Nearest, Near = new GeoPoint(50.85, 4.35) });

        // Brussels: London about 320 km, Paris about 260 km, São Paulo about 9,500 km, Tokyo about 9,500 km.
        Assert.Equal(["paris-a", "paris-b", "london"], fromBrussels.Take(3).Select(c => c.RegionId));
        Assert.Equal(PlacementBruteForce.Sorted(regions, Query(("gpus", 8)) with { Policy = PlacementPolicy.Nearest, Near = new GeoPoint(50.85, 4.35) }).Select(e => e.RegionId), fromBrussels.Select(c => c.RegionId));
        Assert.Equal(fromBrussels[0].DistanceKm, fromBrussels[1].DistanceKm);
    }

    [Fact]
    public void TheLimitKeepsTheBestCandidatesOnly()
    {
        var regions = Enumerable.Range(0, 30).Select(i => Simple($"r-{i:D2}", reserved: i)).ToArray();

        var three = PlacementRules.Best(regions, Query(("gpus", 8)) with { Policy = PlacementPolicy.Pack, Limit = 3 });

        Assert.Equal(["r-29", "r-28", "r-27"], three.Select(c => c.RegionId));
        Assert.Equal(20, PlacementRules.Best(regions, Query(("gpus", 8))).Length);
    }

    private static PlacementQuery Query(params (string Resource, long Amount)[] order) =>
        new(order.ToImmutableSortedDictionary(o => o.Resource, o => o.Amount, StringComparer.Ordinal));

    private static ImmutableSortedDictionary<string, CapacityPool> Pools(params (string Name, CapacityPool Pool)[] pools) =>
        pools.ToImmutableSortedDictionary(p => p.Name, p => p.Pool, StringComparer.Ordinal);

    /// <summary>An Online data center with 64 gpus, <paramref name="reserved"/> of them held.</summary>
    private static RegionSnapshot Simple(string id, long reserved = 0, double latitude = 50, double longitude = 8) => new(
        id,
        new RegionDefinition(id, "DE", Geography.Europe, latitude, longitude),
        RegionStatus.Online,
        Pools(("gpus", new CapacityPool(64, reserved))),
        0,
        1,
        UpdatedAt);
}
