using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Placement;

/// <summary>The candidates for an order, best first, and when the figures were read.</summary>
/// <param name="Candidates">At most the query's limit, in the policy's order.</param>
/// <param name="AsOf">
/// When the footprint partitions answered (the earliest of them). Every figure includes each change its partition had
/// received by then; a region's change reaches its partition within the footprint's staleness bound.
/// </param>
[GenerateSerializer, Immutable, Alias("RegionGrains.PlacementAnswer")]
public sealed record PlacementAnswer(
    [property: Id(0)] ImmutableArray<PlacementCandidate> Candidates,
    [property: Id(1)] DateTimeOffset AsOf);
