namespace RegionGrains.Abstractions.Regions;

/// <summary>Lifecycle status of a region. The names are part of the HTTP contract.</summary>
public enum RegionStatus
{
    /// <summary>Announced, nothing built yet.</summary>
    Planned = 0,

    /// <summary>Being built.</summary>
    UnderConstruction = 1,

    /// <summary>Built and opening to customers.</summary>
    Launching = 2,

    /// <summary>Serving customers.</summary>
    Online = 3,

    /// <summary>Serving with reduced capability.</summary>
    Degraded = 4,

    /// <summary>Planned maintenance.</summary>
    Maintenance = 5,

    /// <summary>Not serving.</summary>
    Offline = 6,

    /// <summary>Retired for good; terminal.</summary>
    Decommissioned = 7,
}
