namespace RegionGrains.LoadTest.Invariants;

/// <summary>What the sources share in checking acknowledged reservations: the comparison of a pair and the check's wording.</summary>
internal static class AcknowledgedHolds
{
    /// <summary>Whether <paramref name="holds"/> are exactly the two amounts of <paramref name="ack"/>.</summary>
    public static bool SamePair(IReadOnlyDictionary<string, long> holds, AcknowledgedPair ack) =>
        holds.Count == 2 &&
        holds.GetValueOrDefault(RegionSet.ReserveResource) == ack.Racks &&
        holds.GetValueOrDefault(RegionSet.CapacityResource) == ack.PowerKw;

    public static (long Missing, string Detail) Describe(RegionSet regions, IReadOnlyCollection<string> missing)
    {
        var acknowledged = regions.Acknowledged.Count + regions.AcknowledgedPairs.Count;
        var pairs = regions.AcknowledgedPairs.IsEmpty ? "" : $" ({regions.AcknowledgedPairs.Count} of both pools)";
        return (missing.Count, missing.Count == 0
            ? $"all {acknowledged} acknowledged reservations{pairs} found by id, as acknowledged"
            : $"{missing.Count} of {acknowledged} not held as acknowledged, e.g. {string.Join(", ", missing.Take(5))}");
    }
}
