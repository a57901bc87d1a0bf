namespace RegionGrains.Abstractions.Regions;

/// <summary>Geography a region belongs to.</summary>
public enum Geography
{
    /// <summary>North, Central and South America.</summary>
    Americas = 0,

    /// <summary>Europe.</summary>
    Europe = 1,

    /// <summary>Asia and Oceania.</summary>
    AsiaPacific = 2,

    /// <summary>The Middle East.</summary>
    MiddleEast = 3,

    /// <summary>Africa.</summary>
    Africa = 4,
}
