namespace RegionGrains.Abstractions.Regions;

/// <summary>Kinds of change recorded in a region's history.</summary>
public enum RegionEventKind
{
    /// <summary>The region was defined or its definition changed.</summary>
    Defined = 0,

    /// <summary>The status changed.</summary>
    StatusChanged = 1,

    /// <summary>A pool's total was set.</summary>
    CapacitySet = 2,

    /// <summary>A reservation was made.</summary>
    Reserved = 3,

    /// <summary>A reservation was released by a caller.</summary>
    Released = 4,

    /// <summary>A reservation reached its lifetime and was dropped.</summary>
    Expired = 5,
}
