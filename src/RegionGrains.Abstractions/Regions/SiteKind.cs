namespace RegionGrains.Abstractions.Regions;

/// <summary>What kind of site a region is. Fixed when the region is first defined.</summary>
public enum SiteKind
{
    /// <summary>A data-center region: capacity pools and reservations. The default, and the kind of a region stored without one.</summary>
    DataCenter = 0,

    /// <summary>A regional service center (customer support): languages and support hours, no capacity, no reservations.</summary>
    ServiceCenter = 1,
}
