using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A status or capacity change was scheduled for a later instant.</summary>
[GenerateSerializer, Immutable, Alias("rg.scheduled")]
public sealed record ChangeScheduled(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] ScheduledChange Change) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.Scheduled;

    public override string? Reason => Change.Reason;

    public override string Describe() => $"{Change.ChangeId} at {Change.At.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'}: {Change.Describe()}";
}
