using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>
/// A prepared change was decided: committed (the reservation now holds what it set, or is released) or aborted (the
/// extra amount is let go and the reservation is as it was).
/// </summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it was decided.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Hold">The prepared change this completes.</param>
/// <param name="Committed">True when the change took effect.</param>
/// <param name="Reservation">The reservation as committed; null when aborted or released.</param>
[GenerateSerializer, Immutable, Alias("rg.completed")]
public sealed record ChangeCompleted(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] TentativeHold Hold,
    [property: Id(1)] bool Committed,
    [property: Id(2)] Reservation? Reservation) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => Committed ? RegionEventKind.Committed : RegionEventKind.Aborted;

    public override string Describe() => $"{Hold.Change.ReservationId} for {Hold.Change.Consumer}, {Hold.Change.TxId} " +
        (!Committed ? "aborted" : Reservation is null ? "committed: released" : $"committed: {ReservationRequest.Describe(Reservation.Holds)}");
}
