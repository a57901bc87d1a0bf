using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>
/// The region moved from one status to another, for a reason; when a scheduled change made it, the actor is
/// <see cref="RegionActor.System"/> and <see cref="ScheduledBy"/> names who scheduled it.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.status")]
public sealed record StatusChanged(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] RegionStatus From,
    [property: Id(1)] RegionStatus To,
    [property: Id(2)] string Because,
    [property: Id(3)] string? ScheduledBy = null) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.StatusChanged;

    public override string? Reason => Because;

    public override string Describe() => $"{From} -> {To}" + (ScheduledBy is { } by ? $" (scheduled by {by})" : string.Empty);
}
