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
    public static PlacementCandidate? Candidate(RegionSnapshot region, PlacementQuery query)
    {
        var definition = region.Definition;
        if (definition.Kind != SiteKind.DataCenter || !RegionLifecycle.AcceptsReservations(region.Status) ||
            (query.Status is { } status && region.Status != status) ||
            (query.Geography is { } geography && definition.Geography != geography) ||
            (query.Kind is { } kind && definition.Kind != kind))
        {
            return null;
        }

        var available = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        var utilization = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (resource, amount) in query.Resources)
        {
            // The same tests the region applies when the reservation arrives: the pool, its unit rules, what is left.
            if (!region.Capacity.TryGetValue(resource, out var pool) || pool.Rules.UnitProblem(resource, amount) is not null || amount > pool.Available)
            {
                return null;
            }

            available[resource] = pool.Available;
            utilization[resource] = pool.Usable == 0 ? 1 : (double)pool.Reserved / pool.Usable;
        }

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

    /// <summary>The best <see cref="PlacementQuery.Limit"/> candidates among <paramref name="regions"/>, best first.</summary>
    public static ImmutableArray<PlacementCandidate> Best(IEnumerable<RegionSnapshot> regions, PlacementQuery query) =>
        Best(regions.Select(r => Candidate(r, query)).OfType<PlacementCandidate>(), query);

    /// <summary>The best <see cref="PlacementQuery.Limit"/> of <paramref name="candidates"/> in the policy's order.</summary>
    public static ImmutableArray<PlacementCandidate> Best(IEnumerable<PlacementCandidate> candidates, PlacementQuery query) =>
        [.. candidates.Order(OrderOf(query.Policy)).Take(Math.Clamp(query.Limit, 1, PlacementQuery.MaxLimit))];

    /// <summary>
    /// The policy's order: pack puts the fullest first, spread the emptiest, nearest the closest; ties go to the lower
    /// region id, so that every answer is deterministic.
    /// </summary>
    public static IComparer<PlacementCandidate> OrderOf(PlacementPolicy policy) => policy switch
    {
        PlacementPolicy.Pack => Comparer<PlacementCandidate>.Create((a, b) => Then(b.MeanUtilization.CompareTo(a.MeanUtilization), a, b)),
        PlacementPolicy.Nearest => Comparer<PlacementCandidate>.Create((a, b) => Then((a.DistanceKm ?? 0).CompareTo(b.DistanceKm ?? 0), a, b)),
        _ => Comparer<PlacementCandidate>.Create((a, b) => Then(a.MeanUtilization.CompareTo(b.MeanUtilization), a, b)),
    };

    private static int Then(int first, PlacementCandidate a, PlacementCandidate b) =>
        first != 0 ? first : string.CompareOrdinal(a.RegionId, b.RegionId);
}
