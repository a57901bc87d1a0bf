namespace RegionGrains.Abstractions.Regions;

/// <summary>Where a scheduled change of a region stands.</summary>
public enum ScheduledChangeState
{
    /// <summary>Waiting for its time.</summary>
    Pending = 0,

    /// <summary>Its time came and it took effect.</summary>
    Fired = 1,

    /// <summary>Its time came and the region refused it (the refusal's detail says why); nothing changed.</summary>
    Failed = 2,

    /// <summary>Cancelled before its time.</summary>
    Cancelled = 3,
}
