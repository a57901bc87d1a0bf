using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Footprint;

/// <summary>The global aggregate over every defined region; an immutable snapshot.</summary>
/// <param name="Regions">Number of defined regions.</param>
/// <param name="ByStatus">Region count per status (every status present).</param>
/// <param name="ByGeography">Region count per geography (every geography present).</param>
/// <param name="Resources">Per resource sums, over data centers only (service centers have no capacity).</param>
/// <param name="ComputedAt">When this snapshot was computed.</param>
/// <param name="OldestChangeAt">Time of the oldest region change that this snapshot is the first to include; its distance to <paramref name="ComputedAt"/> is the staleness.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.GlobalFootprint")]
public sealed record GlobalFootprint(
    [property: Id(0)] int Regions,
    [property: Id(1)] ImmutableSortedDictionary<RegionStatus, int> ByStatus,
    [property: Id(2)] ImmutableSortedDictionary<Geography, int> ByGeography,
    [property: Id(3)] ImmutableSortedDictionary<string, ResourceTotals> Resources,
    [property: Id(4)] DateTimeOffset ComputedAt,
    [property: Id(5)] DateTimeOffset? OldestChangeAt = null)
{
    /// <summary>Region count per site kind (every kind present).</summary>
    [Id(6)] public ImmutableSortedDictionary<SiteKind, int> ByKind { get; init; } = ImmutableSortedDictionary<SiteKind, int>.Empty;

    /// <summary>
    /// Regions whose figures are still those their footprint partition last stored, not yet checked against the
    /// regions' journals since the partition started (after a restart, or after a silo died). While it is above zero
    /// the sums may miss changes made after the partition's last write and are not exact; 0 otherwise.
    /// </summary>
    [Id(7)] public int Unconfirmed { get; init; }
}
