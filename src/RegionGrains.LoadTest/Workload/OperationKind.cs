namespace RegionGrains.LoadTest.Workload;

/// <summary>What one load-test operation does to a region.</summary>
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
}
