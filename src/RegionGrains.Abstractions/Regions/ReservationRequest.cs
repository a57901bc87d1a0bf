namespace RegionGrains.Abstractions.Regions;

/// <summary>A request to hold capacity. <paramref name="ReservationId"/> is its idempotency key.</summary>
/// <param name="ReservationId">Caller-chosen id; replaying it with the same body returns the original.</param>
/// <param name="Resource">Pool to reserve from.</param>
/// <param name="Amount">Amount to hold, at least 1.</param>
/// <param name="TtlSeconds">Optional lifetime after which the hold expires by itself.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ReservationRequest")]
public sealed record ReservationRequest(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string Resource,
    [property: Id(2)] long Amount,
    [property: Id(3)] int? TtlSeconds = null);
