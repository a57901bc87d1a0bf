namespace RegionGrains.Abstractions.Regions;

/// <summary>Expected outcomes of a region command; faults are exceptions, not outcomes.</summary>
public enum RegionOutcome
{
    /// <summary>The change was stored (or nothing needed to change).</summary>
    Ok = 0,

    /// <summary>Something new was created and stored.</summary>
    Created = 1,

    /// <summary>An idempotent replay: the original result, nothing changed.</summary>
    Replayed = 2,

    /// <summary>The region, or the reservation, does not exist.</summary>
    NotFound = 3,

    /// <summary>The caller's expected version is not the current one.</summary>
    VersionMismatch = 4,

    /// <summary>The input breaks a syntax or range rule.</summary>
    Invalid = 5,

    /// <summary>The lifecycle does not allow that status change.</summary>
    InvalidTransition = 6,

    /// <summary>Decommissioning refused while reservations are held.</summary>
    ReservationsHeld = 7,

    /// <summary>A total below what is reserved.</summary>
    BelowReserved = 8,

    /// <summary>Not enough available in the pool (or no such pool).</summary>
    InsufficientCapacity = 9,

    /// <summary>The region's status does not accept reservations.</summary>
    NotAccepting = 10,

    /// <summary>The reservation id is already used for a different request.</summary>
    ReservationIdReused = 11,

    /// <summary>The region is a service center: it has no capacity pools and takes no reservations.</summary>
    NotADataCenter = 12,

    /// <summary>A region's kind is fixed when it is first defined; a definition of another kind is refused.</summary>
    KindChangeRefused = 13,

    /// <summary>An amount outside a pool's unit rules (minUnit, maxUnit, stepSize).</summary>
    UnitRule = 14,

    /// <summary>No region could take the whole order.</summary>
    NoCandidate = 15,

    /// <summary>Another change across regions of the same reservation is prepared and not yet decided.</summary>
    ChangeInProgress = 16,

    /// <summary>The reservation is a consumer's claim: it changes only through the consumer's allocations.</summary>
    HeldByClaim = 17,

    /// <summary>The request did not fit and waits on the region's waitlist (or is already waiting there).</summary>
    Queued = 18,

    /// <summary>A scheduled change has already fired or failed, so it can no longer be cancelled.</summary>
    AlreadyFired = 19,

    /// <summary>The scheduled change id is already used for a different change.</summary>
    ChangeIdReused = 20,
}
