namespace RegionGrains.Abstractions;

/// <summary>Names of the grain storage providers the grains persist through; hosts register providers under these names.</summary>
public static class StorageNames
{
    /// <summary>Region journals: every change of a region, its snapshots and so its history.</summary>
    public const string Regions = "regions";

    /// <summary>Footprint bookkeeping: which regions each aggregation partition holds.</summary>
    public const string Footprint = "footprint";
}
