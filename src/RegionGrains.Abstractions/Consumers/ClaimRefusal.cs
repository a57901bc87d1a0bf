using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>The region that refused its part of a change across regions, and why.</summary>
/// <param name="RegionId">The region.</param>
/// <param name="Outcome">Its refusal.</param>
/// <param name="Detail">Its words.</param>
/// <param name="Shortfalls">The resources it lacked, for <see cref="RegionOutcome.InsufficientCapacity"/>.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ClaimRefusal")]
public sealed record ClaimRefusal(
    [property: Id(0)] string RegionId,
    [property: Id(1)] RegionOutcome Outcome,
    [property: Id(2)] string? Detail,
    [property: Id(3)] ImmutableArray<Shortfall> Shortfalls = default);
