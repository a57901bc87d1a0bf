using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Placement;

/// <summary>What became of an order placed anywhere.</summary>
/// <param name="Outcome">
/// <see cref="RegionOutcome.Created"/> or <see cref="RegionOutcome.Replayed"/> with the region and reservation;
/// <see cref="RegionOutcome.NoCandidate"/> when no region took it; <see cref="RegionOutcome.ReservationIdReused"/>
/// when the id was placed with another body; <see cref="RegionOutcome.Invalid"/> for a request that breaks a rule.
/// </param>
/// <param name="RegionId">Where the order is held.</param>
/// <param name="Reservation">The reservation held there.</param>
/// <param name="Tried">The regions asked that refused, in order, with their reasons.</param>
/// <param name="Detail">Why, for any outcome other than success.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.PlacementResult")]
public sealed record PlacementResult(
    [property: Id(0)] RegionOutcome Outcome,
    [property: Id(1)] string? RegionId,
    [property: Id(2)] Reservation? Reservation,
    [property: Id(3)] ImmutableArray<PlacementAttempt> Tried,
    [property: Id(4)] string? Detail = null)
{
    /// <summary>Whether the order is held.</summary>
    public bool Succeeded => Outcome is RegionOutcome.Created or RegionOutcome.Replayed;
}
