using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>
/// One journaled change of a region: what changed, not the whole state. Replaying a region's changes in version
/// order through <see cref="RegionRules.Apply"/> rebuilds its state; each change also reads as one history event.
/// </summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it was decided.</param>
/// <param name="Actor">Who made it: the caller's name, or <see cref="RegionActor.System"/>.</param>
[GenerateSerializer, Immutable, Alias("rg.change")]
public abstract record RegionChange(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] string Actor)
{
    /// <summary>The history kind of this change.</summary>
    public abstract RegionEventKind Kind { get; }

    /// <summary>The human-readable description shown in history.</summary>
    public abstract string Describe();

    /// <summary>The reason given, for changes that carry one.</summary>
    public virtual string? Reason => null;

    /// <summary>This change as a history event.</summary>
    public RegionEvent ToEvent() => new(Version, Time, Kind, Describe(), Reason, Actor);
}
