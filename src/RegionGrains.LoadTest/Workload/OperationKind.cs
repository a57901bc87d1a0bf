namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// What one load-test operation does. The numbers index per-kind arrays (<see cref="PhaseStats.LatencyByKind"/>), so
/// they stay contiguous from 0; the names are what <c>--mix</c> and <c>--threshold</c> accept, in lower case.
/// </summary>
public enum OperationKind
{
    /// <summary>Read the region (grain <c>GetAsync</c> or <c>GET /api/regions/{id}</c>).</summary>
    Read = 0,

    /// <summary>Hold a small amount of capacity under a new reservation id.</summary>
    Reserve = 1,

    /// <summary>Move the region between Online and Degraded.</summary>
    Status = 2,

    /// <summary>Set the total of a capacity pool.</summary>
    Capacity = 3,

    /// <summary>
    /// A placement query for an order of one or both of the run's pools, by a random policy (<c>IPlacementGrain.FindAsync</c>
    /// or <c>GET /api/placement/candidates</c>). It reads every region of the cluster, not one: the key is not used.
    /// </summary>
    Place = 4,

    /// <summary>Hold small amounts of both of the run's pools in the region under one new reservation id, tagged with the run's project.</summary>
    Reserve2 = 5,

    /// <summary>Set a consumer of the run to hold small amounts in one region (the key): a claim, all or nothing, through its consumer grain.</summary>
    Claim = 6,

    /// <summary>A claim across two regions: the key and one other, drawn uniformly.</summary>
    Claim2 = 7,

    /// <summary>A claim across three regions: the key and two others, drawn uniformly.</summary>
    Claim3 = 8,

    /// <summary>Read the global footprint (<c>IFootprintGrain.GetAsync</c> or <c>GET /api/footprint</c>); the key is not used.</summary>
    Footprint = 9,

    /// <summary>
    /// Book a small amount ahead under a new reservation id: from 1 to 30 days from now, for a day. It holds nothing
    /// now, so each one adds to the region's timeline that every later reservation is checked against.
    /// </summary>
    ReserveAhead = 10,

    /// <summary>
    /// Release the oldest reservation of the run that <see cref="Reserve"/> was acknowledged and that is not released
    /// yet, in its own region (the key is not used); with none held, nothing is sent and it counts as the refusal
    /// <c>NothingHeld</c>. Beside <see cref="Reserve"/> at the same weight it makes the churn under which a region's
    /// data stays bounded: what is released is forgotten after the region's retention.
    /// </summary>
    Release = 11,
}
