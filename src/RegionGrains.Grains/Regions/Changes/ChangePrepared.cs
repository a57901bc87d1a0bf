using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A region's part of a change across regions was prepared: its extra amount is held until the decision.</summary>
[GenerateSerializer, Immutable, Alias("rg.prepared")]
public sealed record ChangePrepared(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] TentativeHold Hold) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.Prepared;

    public override string Describe() =>
        $"{Hold.Change.ReservationId} for {Hold.Change.Consumer}, pending {Hold.Change.TxId}: " +
        (Hold.Change.Holds.IsEmpty ? "release" : ReservationRequest.Describe(Hold.Change.Holds));
}
