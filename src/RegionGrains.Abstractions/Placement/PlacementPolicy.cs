namespace RegionGrains.Abstractions.Placement;

/// <summary>How placement orders the regions that can take an order.</summary>
public enum PlacementPolicy
{
    /// <summary>Fullest first: keeps empty regions empty (for large orders later, or to power them down).</summary>
    Pack = 0,

    /// <summary>Emptiest first: spreads load and failure domains.</summary>
    Spread = 1,

    /// <summary>Closest to a point first (great-circle distance); needs <see cref="PlacementQuery.Near"/>.</summary>
    Nearest = 2,
}
