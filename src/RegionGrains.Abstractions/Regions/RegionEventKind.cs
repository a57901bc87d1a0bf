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

    /// <summary>A region's part of a change across regions (a claim or a move) was prepared; nothing is acknowledged yet.</summary>
    Prepared = 6,

    /// <summary>A prepared change took effect.</summary>
    Committed = 7,

    /// <summary>A prepared change was abandoned; the region is as it was.</summary>
    Aborted = 8,

    /// <summary>A scheduled reservation reached its start and now holds its amounts.</summary>
    Started = 9,

    /// <summary>A reservation's amounts or end were changed.</summary>
    ReservationChanged = 10,

    /// <summary>A scheduled reservation was released before it started.</summary>
    Cancelled = 11,
}
