using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>
/// A reservation was released by a caller, or dropped when its end passed. Released before it started, it was
/// cancelled: it held nothing, so nothing is given back.
/// </summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it was decided.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Reservation">The reservation as it was held.</param>
/// <param name="Expired">True for expiry, false for a release.</param>
[GenerateSerializer, Immutable, Alias("rg.ended")]
public sealed record ReservationEnded(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] Reservation Reservation,
    [property: Id(1)] bool Expired) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => Expired ? RegionEventKind.Expired : Cancelled ? RegionEventKind.Cancelled : RegionEventKind.Released;

    /// <summary>Whether it ended before it started.</summary>
    public bool Cancelled => Reservation.State == ReservationState.Scheduled;

    /// <summary>The state it ended in.</summary>
    public ReservationState EndState => Expired ? ReservationState.Expired : Cancelled ? ReservationState.Cancelled : ReservationState.Released;

    public override string Describe() =>
        $"{Reservation.ReservationId}: {ReservationRequest.Describe(Reservation.Holds)}" + (Expired && Reservation.TtlSeconds is { } ttl ? $" after {ttl}s" : string.Empty);
}
