namespace RegionGrains.Abstractions.Regions;

/// <summary>A held reservation.</summary>
/// <param name="ReservationId">The idempotency key it was made with.</param>
/// <param name="Resource">Pool it holds capacity of.</param>
/// <param name="Amount">Amount held.</param>
/// <param name="TtlSeconds">The lifetime asked for, if any.</param>
/// <param name="CreatedAt">When it was acknowledged.</param>
/// <param name="ExpiresAt">When it expires by itself, if it has a lifetime.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.Reservation")]
public sealed record Reservation(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string Resource,
    [property: Id(2)] long Amount,
    [property: Id(3)] int? TtlSeconds,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether <paramref name="request"/> asks for exactly this reservation.</summary>
    public bool Matches(ReservationRequest request) =>
        request.ReservationId == ReservationId && request.Resource == Resource &&
        request.Amount == Amount && request.TtlSeconds == TtlSeconds;
}
