using System.Globalization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>
/// A pool's total was set (the pool is created when it did not exist); when a scheduled change set it, the actor is
/// <see cref="RegionActor.System"/> and <see cref="ScheduledBy"/> names who scheduled it.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.capacity")]
public sealed record CapacitySet(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] string Resource,
    [property: Id(1)] long From,
    [property: Id(2)] long To,
    [property: Id(3)] PoolPolicy? Policy = null,
    [property: Id(4)] string? ScheduledBy = null) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.CapacitySet;

    public override string Describe() => $"{Resource} total {From} -> {To}" + (Policy is { } p ? PolicyText(p) : string.Empty) +
        (ScheduledBy is { } by ? $" (scheduled by {by})" : string.Empty);

    private static string PolicyText(PoolPolicy p) => string.Create(
        CultureInfo.InvariantCulture,
        $" (heldBack {p.HeldBack}, overcommit {p.Overcommit}, minUnit {p.MinUnit}, maxUnit {(p.MaxUnit is { } max ? max : "unlimited")}, stepSize {p.StepSize})");
}
