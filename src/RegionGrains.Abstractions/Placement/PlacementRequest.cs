namespace RegionGrains.Abstractions.Placement;

/// <summary>An order to hold in whichever region placement finds first; <paramref name="ReservationId"/> is its idempotency key.</summary>
/// <param name="ReservationId">Caller-chosen id: the reservation's id in the chosen region, and the key of the placement's record.</param>
/// <param name="Query">The order (resources) and the constraints and policy the regions are chosen by.</param>
/// <param name="TtlSeconds">Optional lifetime of the hold.</param>
/// <param name="Consumer">Who the capacity is held for, if named.</param>
/// <param name="Project">The consumer's project, if named.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.PlacementRequest")]
public sealed record PlacementRequest(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] PlacementQuery Query,
    [property: Id(2)] int? TtlSeconds = null,
    [property: Id(3)] string? Consumer = null,
    [property: Id(4)] string? Project = null)
{
    /// <summary>Whether <paramref name="other"/> asks for the same placement (the same body under the same id).</summary>
    public bool Matches(PlacementRequest other) =>
        this == other with { Query = Query } &&
        Query == other.Query with { Resources = Query.Resources } &&
        Regions.ReservationRequest.SameHolds(Query.Resources, other.Query.Resources);
}
