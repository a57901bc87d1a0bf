using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A waiting request fitted as capacity freed up: it leaves the waitlist and holds from now (or from its start).</summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it was granted.</param>
/// <param name="Actor">Always the system, which grants on the asker's behalf.</param>
/// <param name="Reservation">The reservation as granted (Active, or Scheduled when it starts later).</param>
[GenerateSerializer, Immutable, Alias("rg.granted")]
public sealed record WaiterGranted(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] Reservation Reservation) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.Granted;

    public override string Describe() => $"{Reservation.ReservationId}: {ReservationRequest.Describe(Reservation.Holds)} granted from the waitlist";
}
