using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Tests.Placement;

/// <summary>
/// Placement's brute force, written from the contract alone and not from <see cref="Grains.Placement.PlacementRules"/>
/// or the pool types' own figures: usable = floor((total − heldBack) × overcommit), the unit rules, the statuses that
/// accept reservations, great-circle distance; every region checked on its own, then sorted by the policy.
/// </summary>
internal static class PlacementBruteForce
{
    private static readonly RegionStatus[] AcceptingStatuses = [RegionStatus.Launching, RegionStatus.Online, RegionStatus.Degraded];

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
