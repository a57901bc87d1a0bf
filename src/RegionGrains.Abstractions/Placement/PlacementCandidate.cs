using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Placement;

/// <summary>A region that can take a whole order, with the figures it was chosen on.</summary>
/// <param name="RegionId">The region.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="Geography">Its geography.</param>
/// <param name="Status">Its status.</param>
/// <param name="Available">What each requested pool has available.</param>
/// <param name="Utilization">Reserved over usable of each requested pool, before the order.</param>
/// <param name="DistanceKm">Great-circle distance from the query's point, when it gave one.</param>
/// <param name="Version">The region version these figures are from.</param>
/// <param name="UpdatedAt">When the region last changed.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.PlacementCandidate")]
public sealed record PlacementCandidate(
    [property: Id(0)] string RegionId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Geography Geography,
    [property: Id(3)] RegionStatus Status,
    [property: Id(4)] ImmutableSortedDictionary<string, long> Available,
    [property: Id(5)] ImmutableSortedDictionary<string, double> Utilization,
    [property: Id(6)] double? DistanceKm,
    [property: Id(7)] long Version,
    [property: Id(8)] DateTimeOffset UpdatedAt)
{
    /// <summary>The mean utilization over the requested pools: what pack and spread order by.</summary>
    public double MeanUtilization => Utilization.Count == 0 ? 0 : Utilization.Values.Average();
}
