using System.Globalization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A reservation was acknowledged.</summary>
[GenerateSerializer, Immutable, Alias("rg.reserved")]
public sealed record ReservationMade(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] Reservation Reservation) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.Reserved;

    public override string Describe() =>
        $"{Reservation.ReservationId}: {ReservationRequest.Describe(Reservation.Holds)}" +
        (Reservation.TtlSeconds is { } t ? string.Create(CultureInfo.InvariantCulture, $" for {t}s") : string.Empty);
}
