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

    /// <summary>A request that did not fit joined the waitlist.</summary>
    Queued = 12,

    /// <summary>A waiting request was granted as capacity freed up.</summary>
    Granted = 13,

    /// <summary>A waiting request's wait ended before it could be granted.</summary>
    Lapsed = 14,

    /// <summary>A lifecycle or capacity change was scheduled for a later instant.</summary>
    Scheduled = 15,

    /// <summary>A scheduled change was cancelled before its time.</summary>
    ScheduleCancelled = 16,

    /// <summary>A scheduled change's time came and it took effect (its changes follow it in the history).</summary>
    ScheduleFired = 17,

    /// <summary>A scheduled change's time came and the region refused it; nothing changed.</summary>
    ScheduleFailed = 18,
}
