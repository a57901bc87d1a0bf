namespace RegionGrains.Abstractions.Regions;

/// <summary>Result of scheduling, cancelling or reading a scheduled change.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Change">The scheduled change, when there is one.</param>
/// <param name="Detail">Why, for any outcome other than success.</param>
/// <param name="RegionExists">False when the region itself does not exist (so that a 404 can say which is missing).</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ScheduleResult")]
public sealed record ScheduleResult(
    [property: Id(0)] RegionOutcome Outcome,
    [property: Id(1)] ScheduledChange? Change = null,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] bool RegionExists = true);
