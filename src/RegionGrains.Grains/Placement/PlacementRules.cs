using System.Collections.Immutable;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Placement;

/// <summary>
/// Placement as pure functions: whether a region can take a whole order now, the figures it is chosen on, and the
/// order each policy puts candidates in. Partitions apply it to their regions; the placement worker merges their
/// answers with the same order, so the merged answer is what one pass over every region would give.
/// </summary>
internal static class PlacementRules
{
    /// <summary>The region as a candidate for the order, or null when it cannot take all of it now.</summary>
    public static PlacementCandidate? Candidate(RegionSnapshot region, PlacementQuery query) =>
        Fits(region, query, out _) ? Materialize(region, query) : null;

    /// <summary>
    /// The best <see cref="PlacementQuery.Limit"/> candidates among <paramref name="regions"/>, best first. One pass
    /// that allocates nothing for a region that does not make the cut: each region that fits gets its order key, a
    /// bounded heap keeps the best so far (its worst on top), and only the kept regions become candidates.
    /// </summary>
    public static ImmutableArray<PlacementCandidate> Best(IEnumerable<RegionSnapshot> regions, PlacementQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, PlacementQuery.MaxLimit);
        var worstFirst = Comparer<(double Primary, string Id)>.Create((a, b) => KeyOrder.Compare(b, a));
        var kept = new PriorityQueue<RegionSnapshot, (double Primary, string Id)>(limit + 1, worstFirst);
        foreach (var region in regions)
        {
            if (!Fits(region, query, out var primary))
            {
                continue;
            }

            var key = (primary, region.Id);
            if (kept.Count < limit)
            {
                kept.Enqueue(region, key);
            }
            else if (kept.TryPeek(out _, out var worst) && KeyOrder.Compare(key, worst) < 0)
            {
                kept.DequeueEnqueue(region, key);
            }
        }

        return Best(kept.UnorderedItems.Select(item => Materialize(item.Element, query)), query);
    }

    /// <summary>The best <see cref="PlacementQuery.Limit"/> of <paramref name="candidates"/> in the policy's order.</summary>
    public static ImmutableArray<PlacementCandidate> Best(IEnumerable<PlacementCandidate> candidates, PlacementQuery query) =>
        [.. candidates.Select(c => (Candidate: c, Key: (Primary(c, query.Policy), c.RegionId)))
            .OrderBy(c => c.Key, KeyOrder)
            .Take(Math.Clamp(query.Limit, 1, PlacementQuery.MaxLimit))
            .Select(c => c.Candidate)];

    /// <summary>
    /// The policy's order: pack puts the fullest first, spread the emptiest, nearest the closest; ties go to the lower
    /// region id, so that every answer is deterministic.
    /// </summary>
    public static IComparer<PlacementCandidate> OrderOf(PlacementPolicy policy) =>
        Comparer<PlacementCandidate>.Create((a, b) => KeyOrder.Compare((Primary(a, policy), a.RegionId), (Primary(b, policy), b.RegionId)));

    /// <summary>Ascending primary value (lower is better), then ordinal id.</summary>
    private static readonly Comparer<(double Primary, string Id)> KeyOrder = Comparer<(double Primary, string Id)>.Create((a, b) =>
        a.Primary != b.Primary ? a.Primary.CompareTo(b.Primary) : string.CompareOrdinal(a.Id, b.Id));

    /// <summary>What the policy orders by, lower first: minus the mean utilization for pack, the mean for spread, the distance for nearest.</summary>
    private static double Primary(PlacementCandidate candidate, PlacementPolicy policy) => policy switch
    {
        PlacementPolicy.Pack => -candidate.MeanUtilization,
        PlacementPolicy.Nearest => candidate.DistanceKm ?? 0,
        _ => candidate.MeanUtilization,
    };

    /// <summary>Whether the region can take the whole order now, and its order key when it can; allocates nothing.</summary>
    private static bool Fits(RegionSnapshot region, PlacementQuery query, out double primary)
    {
        primary = 0;
        var definition = region.Definition;
        if (definition.Kind != SiteKind.DataCenter || !RegionLifecycle.AcceptsReservations(region.Status) ||
            (query.Status is { } status && region.Status != status) ||
            (query.Geography is { } geography && definition.Geography != geography) ||
            (query.Kind is { } kind && definition.Kind != kind))
        {
            return false;
        }

        var utilization = 0.0;
        foreach (var (resource, amount) in query.Resources)
        {
            // The same tests the region applies when the reservation arrives: the pool, its unit rules, what is left.
            if (!region.Capacity.TryGetValue(resource, out var pool) || pool.Rules.UnitProblem(resource, amount) is not null || amount > pool.Available)
            {
                return false;
            }

            utilization += Utilization(pool);
        }

        var mean = query.Resources.Count == 0 ? 0 : utilization / query.Resources.Count;
        primary = query.Policy switch
        {
            PlacementPolicy.Pack => -mean,
            PlacementPolicy.Nearest => query.Near?.DistanceKmTo(definition.Latitude, definition.Longitude) ?? 0,
            _ => mean,
        };
        return true;
    }

    private static double Utilization(CapacityPool pool) => pool.Usable == 0 ? 1 : (double)pool.Reserved / pool.Usable;

    private static PlacementCandidate Materialize(RegionSnapshot region, PlacementQuery query)
    {
        var available = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        var utilization = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var resource in query.Resources.Keys)
        {
            var pool = region.Capacity[resource];
            available[resource] = pool.Available;
            utilization[resource] = Utilization(pool);
        }

        var definition = region.Definition;
        return new PlacementCandidate(
            region.Id,
            definition.DisplayName,
            definition.Geography,
            region.Status,
            available.ToImmutable(),
            utilization.ToImmutable(),
            query.Near?.DistanceKmTo(definition.Latitude, definition.Longitude),
            region.Version,
            region.UpdatedAt);
    }
}
