using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A pending scheduled change was cancelled before its time.</summary>
[GenerateSerializer, Immutable, Alias("rg.schedule-cancelled")]
public sealed record ScheduledChangeCancelled(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] string ChangeId) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.ScheduleCancelled;

    public override string Describe() => ChangeId;
}
