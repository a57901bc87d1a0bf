using System.Globalization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A held or scheduled reservation's amounts or end were changed.</summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it was decided.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Reservation">The reservation as it is after the change.</param>
[GenerateSerializer, Immutable, Alias("rg.changed")]
public sealed record ReservationChanged(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] Reservation Reservation) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.ReservationChanged;

    public override string Describe() =>
        $"{Reservation.ReservationId}: now {ReservationRequest.Describe(Reservation.Holds)}, " +
        (Reservation.ExpiresAt is { } end ? string.Create(CultureInfo.InvariantCulture, $"until {end.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'}") : "with no end");
}
