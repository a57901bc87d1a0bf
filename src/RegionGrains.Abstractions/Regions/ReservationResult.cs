using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>Result of a reservation request.</summary>
/// <param name="Outcome"><see cref="RegionOutcome.Created"/>, <see cref="RegionOutcome.Replayed"/> or a refusal.</param>
/// <param name="Reservation">The reservation held, on success.</param>
/// <param name="Region">The region after the request, when it exists.</param>
/// <param name="Detail">Why it was refused.</param>
/// <param name="Shortfalls">For <see cref="RegionOutcome.InsufficientCapacity"/>, each resource that did not fit.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ReservationResult")]
public sealed record ReservationResult(
    [property: Id(0)] RegionOutcome Outcome,
    [property: Id(1)] Reservation? Reservation,
    [property: Id(2)] RegionSnapshot? Region,
    [property: Id(3)] string? Detail = null,
    [property: Id(4)] ImmutableArray<Shortfall> Shortfalls = default)
{
    /// <summary>Whether the reservation is held.</summary>
    public bool Succeeded => Outcome is RegionOutcome.Created or RegionOutcome.Replayed;
}
