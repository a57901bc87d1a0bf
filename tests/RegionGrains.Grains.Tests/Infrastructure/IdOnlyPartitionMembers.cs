namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// The footprint partition's member record before partitions stored snapshots, field for field: its ids under
/// <c>[Id(0)]</c> and nothing else, so that a payload of that format can be written as that version wrote it.
/// </summary>
[GenerateSerializer]
public sealed class IdOnlyPartitionMembers
{
    [Id(0)] public List<string> Regions { get; set; } = [];
}
