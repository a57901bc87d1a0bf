using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A pool's total was set (the pool is created when it did not exist).</summary>
[GenerateSerializer, Immutable, Alias("rg.capacity")]
public sealed record CapacitySet(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] string Resource,
    [property: Id(1)] long From,
    [property: Id(2)] long To) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.CapacitySet;

    public override string Describe() => $"{Resource} total {From} -> {To}";
}
