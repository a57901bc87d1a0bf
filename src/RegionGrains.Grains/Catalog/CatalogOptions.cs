namespace RegionGrains.Grains.Catalog;

/// <summary>Where the default catalog comes from, bound from <c>RegionGrains:Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string Section = "RegionGrains:Catalog";

    /// <summary>Path of the catalog JSON file; relative paths are resolved against the application's base directory.</summary>
    public string Path { get; set; } = "Catalog/default-catalog.json";

    /// <summary>Seed the catalog's regions that do not exist yet when a silo starts.</summary>
    public bool Seed { get; set; } = true;
}
