using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>The region moved from one status to another, for a reason.</summary>
[GenerateSerializer, Immutable, Alias("rg.status")]
public sealed record StatusChanged(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] RegionStatus From,
    [property: Id(1)] RegionStatus To,
    [property: Id(2)] string Because) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.StatusChanged;

    public override string? Reason => Because;

    public override string Describe() => $"{From} -> {To}";
}
