using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Placement;

namespace RegionGrains.Grains.Tests.Placement;

/// <summary>
/// Placement against <see cref="PlacementBruteForce"/> on random regions and random queries (seeded): the candidates
/// and their order for every policy, and the merge of per-partition answers that the placement worker makes.
/// </summary>
public sealed class PlacementRandomTests
{
    private static readonly DateTimeOffset UpdatedAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] ResourceNames = ["cpus", "gpus", "racks"];
    private static readonly int[] Limits = [1, 3, 20, 1000];

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
            var expected = PlacementBruteForce.Sorted(regions, query).Take(Math.Clamp(query.Limit, 1, PlacementQuery.MaxLimit)).ToList();

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

            Assert.Equal(PlacementBruteForce.Sorted(regions, query).Take(query.Limit).Select(e => e.RegionId), merged.Select(c => c.RegionId));
        }
    }

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
}
