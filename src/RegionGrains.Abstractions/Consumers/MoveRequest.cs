using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>
/// Moves one of a consumer's reservations to another region, atomically: after it, the reservation is held in
/// <paramref name="ToRegionId"/> (under the same id) and released in <paramref name="FromRegionId"/>, or nothing changed.
/// </summary>
/// <param name="MoveId">Caller-chosen idempotency key.</param>
/// <param name="FromRegionId">Where the reservation is held now.</param>
/// <param name="ReservationId">The reservation; it must name the consumer.</param>
/// <param name="ToRegionId">Where it goes.</param>
/// <param name="Resources">What it holds there; null for what it holds now.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.MoveRequest")]
public sealed record MoveRequest(
    [property: Id(0)] string MoveId,
    [property: Id(1)] string FromRegionId,
    [property: Id(2)] string ReservationId,
    [property: Id(3)] string ToRegionId,
    [property: Id(4)] ImmutableSortedDictionary<string, long>? Resources = null)
{
    /// <summary>Whether <paramref name="other"/> asks for exactly this.</summary>
    public bool Matches(MoveRequest other) =>
        this == other with { Resources = Resources } &&
        (Resources is null ? other.Resources is null : other.Resources is not null && Regions.ReservationRequest.SameHolds(Resources, other.Resources));
}
