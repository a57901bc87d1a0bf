using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// One record (or the snapshot) of a partition's member stream: the newest snapshots of regions that hash to it, and
/// the ids of members it holds no snapshot of. The sums are derived from the snapshots, never stored.
/// </summary>
[GenerateSerializer, Alias("RegionGrains.PartitionMembers")]
public sealed class PartitionMembers
{
    /// <summary>
    /// Members without a stored snapshot, re-read from their regions when the partition activates. Streams written
    /// before partitions stored snapshots hold only these; a partition also writes here the members whose region
    /// answered with nothing.
    /// </summary>
    [Id(0)] public List<string> Regions { get; set; } = [];

    /// <summary>Members' snapshots as the partition held them when it wrote.</summary>
    [Id(1)] public List<RegionSnapshot> Snapshots { get; set; } = [];
}
