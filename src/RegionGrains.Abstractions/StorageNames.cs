namespace RegionGrains.Abstractions;

/// <summary>Names of the grain storage providers the grains persist through; hosts register providers under these names.</summary>
public static class StorageNames
{
    /// <summary>Region state: definition, status, capacity, reservations, history.</summary>
    public const string Regions = "regions";

    /// <summary>Footprint bookkeeping: which regions each aggregation partition holds.</summary>
    public const string Footprint = "footprint";
}
