namespace RegionGrains.Grains.Footprint;

/// <summary>Tunables of the footprint aggregation, bound from <c>RegionGrains:Footprint</c>. Every silo must agree on <see cref="Partitions"/>.</summary>
public sealed class FootprintOptions
{
    public const string Section = "RegionGrains:Footprint";

    /// <summary>Number of partition grains that pre-aggregate regions.</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>How often a partition with changes pushes its aggregate to the coordinator.</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a silo's outbox collects region changes for one partition before it sends them in one call (zero sends
    /// as soon as the previous call is done). Without it a busy silo makes about one partition call per write; with it,
    /// at most one per partition per delay, each carrying every region changed meanwhile once. It adds at most this
    /// much to the footprint's staleness (docs/architecture.md, "Staleness").
    /// </summary>
    public TimeSpan OutboxDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How often a partition stores the snapshots of members that changed, at most (new members are stored at once:
    /// their creation waits for it). What changed since the last write is caught up after a restart by reading the
    /// members' journal heads, so a longer interval costs a restart a few more re-reads, and a shorter one costs every
    /// write path a share of a journal append per change (docs/benchmarks.md, "Restart").
    /// </summary>
    public TimeSpan ChangeWriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the coordinator tells observers about changes, at most.</summary>
    public TimeSpan NotifyInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most changed regions a partition forwards per push for observers (the aggregate is always complete).</summary>
    public int MaxChangedRegionsPerPush { get; set; } = 500;
}
