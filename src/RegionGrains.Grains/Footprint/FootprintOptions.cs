namespace RegionGrains.Grains.Footprint;

/// <summary>Tunables of the footprint aggregation, bound from <c>RegionGrains:Footprint</c>. Every silo must agree on <see cref="Partitions"/>.</summary>
public sealed class FootprintOptions
{
    public const string Section = "RegionGrains:Footprint";

    /// <summary>Number of partition grains that pre-aggregate regions.</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>How often a partition with changes pushes its aggregate to the coordinator.</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often the coordinator tells observers about changes, at most.</summary>
    public TimeSpan NotifyInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most changed regions a partition forwards per push for observers (the aggregate is always complete).</summary>
    public int MaxChangedRegionsPerPush { get; set; } = 500;
}
