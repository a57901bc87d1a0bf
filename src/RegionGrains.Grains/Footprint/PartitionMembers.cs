namespace RegionGrains.Grains.Footprint;

/// <summary>Persisted by a partition: which regions hash to it. The sums are re-derived from these regions, never stored.</summary>
[GenerateSerializer, Alias("RegionGrains.PartitionMembers")]
public sealed class PartitionMembers
{
    [Id(0)] public List<string> Regions { get; set; } = [];
}
