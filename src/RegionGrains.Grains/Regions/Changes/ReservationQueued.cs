using System.Globalization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A request that did not fit joined the region's waitlist; its place is this change's version.</summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it was decided.</param>
/// <param name="Actor">Who asked.</param>
/// <param name="Reservation">The request as it waits (state Waiting, with the end of its wait).</param>
[GenerateSerializer, Immutable, Alias("rg.queued")]
public sealed record ReservationQueued(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] Reservation Reservation) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.Queued;

    public override string Describe() =>
        $"{Reservation.ReservationId}: {ReservationRequest.Describe(Reservation.Holds)} waits" +
        (Reservation.WaitUntil is { } until ? string.Create(CultureInfo.InvariantCulture, $" until {until.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'}") : string.Empty);
}
