using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Placement;

namespace RegionGrains.Grains.Tests.Placement;

/// <summary>
/// Placement as pure rules: which regions can take an order, and the order of each policy. The expectation is a brute
/// force written here from the contract alone (usable = floor((total − heldBack) × overcommit), the unit rules, the
/// accepting statuses, great-circle distance), not from <see cref="PlacementRules"/> or the pool types' own figures.
/// </summary>
public sealed class PlacementRulesTests
{
    private static readonly DateTimeOffset UpdatedAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] ResourceNames = ["cpus", "gpus", "racks"];
    private static readonly int[] Limits = [1, 3, 20, 1000];
    private static readonly RegionStatus[] AcceptingStatuses = [RegionStatus.Launching, RegionStatus.Online, RegionStatus.Degraded];

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
        Assert.Equal(candidate, Oracle.Fits(region, query));
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
        Assert.Equal(Oracle.DistanceKm(48.85, 2.35, 35.68, 139.69), candidate.DistanceKm!.Value, 0.5);
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
        Assert.Equal(Oracle.Sorted(regions, Query(("gpus", 8)) with { Policy = PlacementPolicy.Nearest, Near = new GeoPoint(50.85, 4.35) }).Select(e => e.RegionId), fromBrussels.Select(c => c.RegionId));
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

    public static TheoryData<PlacementPolicy, int> PoliciesAndSeeds()
    {
        var data = new TheoryData<PlacementPolicy, int>();
        foreach (var policy in Enum.GetValues<PlacementPolicy>())
        {
            foreach (var seed in new[] { 1, 2, 3 })
            {
                data.Add(policy, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PoliciesAndSeeds))]
    public void TheCandidatesOfRandomQueriesAreTheBruteForceAnswerInThePolicysOrder(PlacementPolicy policy, int seed)
    {
        var random = new Random(seed);
        var regions = Enumerable.Range(0, 300).Select(i => RandomRegion(random, $"rnd-{random.Next(100_000):D5}-{i:D3}")).ToList();
        var ordered = 0;

        for (var q = 0; q < 60; q++)
        {
            var query = RandomQuery(random, policy);

            var actual = PlacementRules.Best(regions, query);
            var expected = Oracle.Sorted(regions, query).Take(Math.Clamp(query.Limit, 1, PlacementQuery.MaxLimit)).ToList();

            Assert.True(
                expected.Select(e => e.RegionId).SequenceEqual(actual.Select(c => c.RegionId)),
                $"Query {q} ({Describe(query)}): expected [{string.Join(", ", expected.Select(e => e.RegionId))}], got [{string.Join(", ", actual.Select(c => c.RegionId))}]");
            ordered += expected.Count >= 2 ? 1 : 0;
            foreach (var (e, a) in expected.Zip(actual))
            {
                Assert.Equal(e.Available.OrderBy(p => p.Key, StringComparer.Ordinal), a.Available.OrderBy(p => p.Key, StringComparer.Ordinal));
                Assert.Equal(e.Utilization.Keys.Order(StringComparer.Ordinal), a.Utilization.Keys.Order(StringComparer.Ordinal));
                Assert.All(e.Utilization, u => Assert.Equal(u.Value, a.Utilization[u.Key], 12));
                if (e.DistanceKm is { } distance)
                {
                    Assert.Equal(distance, a.DistanceKm!.Value, 0.001);
                }
                else
                {
                    Assert.Null(a.DistanceKm);
                }
            }
        }

        // Not vacuous: most queries had an order to check, not zero or one candidate.
        Assert.True(ordered >= 20, $"Only {ordered} of 60 random queries had two or more candidates.");
    }

    [Theory]
    [MemberData(nameof(PoliciesAndSeeds))]
    public void MergingEachPartitionsBestGivesTheBestOverAllRegions(PlacementPolicy policy, int seed)
    {
        var random = new Random(seed + 100);
        var regions = Enumerable.Range(0, 200).Select(i => RandomRegion(random, $"part-{i:D3}")).ToList();

        for (var q = 0; q < 40; q++)
        {
            var query = RandomQuery(random, policy) with { Limit = random.Next(1, 12) };
            var partitions = regions.GroupBy(_ => random.Next(16));

            var merged = PlacementRules.Best(partitions.SelectMany(p => PlacementRules.Best(p, query)), query);

            Assert.Equal(Oracle.Sorted(regions, query).Take(query.Limit).Select(e => e.RegionId), merged.Select(c => c.RegionId));
        }
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

    /// <summary>
    /// A region with random status, kind, place and pools. Usable capacities are powers of two, so every utilization
    /// and every mean of them is exact in floating point and equal figures are equal, not merely close.
    /// </summary>
    private static RegionSnapshot RandomRegion(Random random, string id)
    {
        var pools = ImmutableSortedDictionary.CreateBuilder<string, CapacityPool>(StringComparer.Ordinal);
        foreach (var name in ResourceNames.Where(_ => random.Next(5) > 0))
        {
            var usable = 8L << random.Next(5);
            var overcommit = new[] { 1m, 2m, 4m }[random.Next(3)];
            var heldBack = random.Next(3) == 0 ? 0 : random.Next(1, 11);
            var minUnit = new long[] { 1, 1, 1, 2, 4 }[random.Next(5)];
            long? maxUnit = new long?[] { null, null, 16, 64 }[random.Next(4)];
            var stepSize = new long[] { 1, 1, 2, 4 }[random.Next(4)];
            pools[name] = new CapacityPool(
                (long)(usable / overcommit) + heldBack,
                random.Next((int)usable + 1),
                new PoolPolicy(heldBack, overcommit, minUnit, maxUnit is { } max && max < minUnit ? minUnit : maxUnit, stepSize));
        }

        var (latitude, longitude) = random.Next(4) == 0
            ? new[] { (48.85, 2.35), (35.68, 139.69), (-23.55, -46.63) }[random.Next(3)]
            : ((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
        var kind = random.Next(10) == 0 ? SiteKind.ServiceCenter : SiteKind.DataCenter;
        return new RegionSnapshot(
            id,
            new RegionDefinition($"Region {id}", "ZZ", Enum.GetValues<Geography>()[random.Next(5)], latitude, longitude, kind),
            Enum.GetValues<RegionStatus>()[random.Next(8)],
            kind == SiteKind.DataCenter ? pools.ToImmutable() : ImmutableSortedDictionary<string, CapacityPool>.Empty.WithComparers(StringComparer.Ordinal),
            0,
            random.Next(1, 1000),
            UpdatedAt);
    }

    private static PlacementQuery RandomQuery(Random random, PlacementPolicy policy)
    {
        var amounts = new long[] { 1, 2, 3, 4, 8, 12, 16, 32 };
        var order = ResourceNames.Where(_ => random.Next(2) == 0).DefaultIfEmpty("gpus")
            .ToImmutableSortedDictionary(r => r, _ => amounts[random.Next(amounts.Length)], StringComparer.Ordinal);
        var near = policy == PlacementPolicy.Nearest || random.Next(3) == 0
            ? new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180)
            : null;
        return new PlacementQuery(
            order,
            policy,
            Limits[random.Next(Limits.Length)],
            random.Next(4) == 0 ? Enum.GetValues<RegionStatus>()[random.Next(8)] : null,
            random.Next(4) == 0 ? Enum.GetValues<Geography>()[random.Next(5)] : null,
            random.Next(6) switch { 0 => SiteKind.DataCenter, 1 => SiteKind.ServiceCenter, _ => null },
            near);
    }

    private static string Describe(PlacementQuery query) =>
        $"{string.Join(",", query.Resources.Select(r => $"{r.Key}:{r.Value}"))} policy={query.Policy} limit={query.Limit} status={query.Status} geography={query.Geography} kind={query.Kind} near={query.Near}";

    /// <summary>The brute force: every region checked on its own against the contract, then sorted.</summary>
    private static class Oracle
    {
        public sealed record Expected(string RegionId, Dictionary<string, long> Available, Dictionary<string, double> Utilization, double Mean, double? DistanceKm);

        public static bool Fits(RegionSnapshot region, PlacementQuery query)
        {
            if (region.Definition.Kind != SiteKind.DataCenter || !AcceptingStatuses.Contains(region.Status))
            {
                return false;
            }

            if ((query.Status is { } s && s != region.Status) ||
                (query.Geography is { } g && g != region.Definition.Geography) ||
                (query.Kind is { } k && k != region.Definition.Kind))
            {
                return false;
            }

            foreach (var (resource, amount) in query.Resources)
            {
                if (!region.Capacity.TryGetValue(resource, out var pool))
                {
                    return false;
                }

                var p = pool.Policy;
                var minUnit = p?.MinUnit ?? 1;
                var maxUnit = p?.MaxUnit ?? long.MaxValue;
                var step = p?.StepSize ?? 1;
                if (amount < minUnit || amount > maxUnit || amount % step != 0 || amount > Usable(pool) - pool.Reserved)
                {
                    return false;
                }
            }

            return true;
        }

        public static List<Expected> Sorted(IEnumerable<RegionSnapshot> regions, PlacementQuery query)
        {
            var fitting = regions.Where(r => Fits(r, query)).Select(r =>
            {
                var available = query.Resources.Keys.ToDictionary(k => k, k => Usable(r.Capacity[k]) - r.Capacity[k].Reserved);
                var utilization = query.Resources.Keys.ToDictionary(k => k, k => (double)r.Capacity[k].Reserved / Usable(r.Capacity[k]));
                double? distance = query.Near is { } near ? DistanceKm(near.Latitude, near.Longitude, r.Definition.Latitude, r.Definition.Longitude) : null;
                return new Expected(r.Id, available, utilization, utilization.Values.Sum() / utilization.Count, distance);
            }).ToList();

            fitting.Sort((a, b) =>
            {
                var first = query.Policy switch
                {
                    PlacementPolicy.Pack => b.Mean.CompareTo(a.Mean),
                    PlacementPolicy.Spread => a.Mean.CompareTo(b.Mean),
                    _ => SameDistance(a.DistanceKm, b.DistanceKm) ? 0 : (a.DistanceKm ?? 0).CompareTo(b.DistanceKm ?? 0),
                };
                return first != 0 ? first : string.CompareOrdinal(a.RegionId, b.RegionId);
            });
            return fitting;
        }

        /// <summary>floor((total − heldBack) × overcommit), never below zero; no policy means everything, once.</summary>
        public static long Usable(CapacityPool pool)
        {
            var heldBack = pool.Policy?.HeldBack ?? 0;
            var overcommit = pool.Policy?.Overcommit ?? 1m;
            return pool.Total <= heldBack ? 0 : (long)Math.Floor((pool.Total - heldBack) * overcommit);
        }

        /// <summary>Great-circle distance (haversine in its atan2 form) on the IUGG mean Earth radius, 6,371.0088 km.</summary>
        public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
        {
            static double Rad(double d) => d * Math.PI / 180;
            var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2));
            return 2 * 6371.0088 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
        }

        /// <summary>Two distances the two formulas could order differently by rounding alone count as a tie.</summary>
        private static bool SameDistance(double? a, double? b) => a == b || (a is { } x && b is { } y && Math.Abs(x - y) < 1e-9);
    }
}
