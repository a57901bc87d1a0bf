using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>
/// A history event carried over from a data directory in the whole-state format. It only reads as history: it lies
/// at or below the imported snapshot's version, so it is never replayed.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.imported")]
public sealed record ImportedEvent(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] RegionEventKind EventKind,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? EventReason) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => EventKind;

    public override string? Reason => EventReason;

    public override string Describe() => Detail;
}
