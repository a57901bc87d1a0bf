using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>
/// A scheduled change's time came: it fired (its status and capacity changes are journaled just before this, in the
/// same append) or the region refused it, and nothing changed.
/// </summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it fired.</param>
/// <param name="Actor">Always <see cref="RegionActor.System"/>: the region fires its schedule by itself.</param>
/// <param name="ChangeId">The scheduled change.</param>
/// <param name="ScheduledBy">Who scheduled it.</param>
/// <param name="Refusal">Null when it fired; the region's refusal when it failed.</param>
[GenerateSerializer, Immutable, Alias("rg.schedule-finished")]
public sealed record ScheduledChangeFinished(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] string ChangeId,
    [property: Id(1)] string ScheduledBy,
    [property: Id(2)] string? Refusal) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => Refusal is null ? RegionEventKind.ScheduleFired : RegionEventKind.ScheduleFailed;

    public override string Describe() =>
        Refusal is null ? $"{ChangeId}, scheduled by {ScheduledBy}, fired" : $"{ChangeId}, scheduled by {ScheduledBy}, failed: {Refusal}";
}
