namespace RegionGrains.Abstractions.Placement;

/// <summary>
/// The placement of one order, keyed by its reservation id: finds a region that takes the whole order and holds it
/// there, and remembers durably where, so that a replay of the same id answers with the same region whichever gateway
/// or silo receives it.
/// </summary>
[Alias("RegionGrains.IPlacedReservationGrain")]
public interface IPlacedReservationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Holds the order in the first candidate that takes it (tried in the policy's order), or answers where it is
    /// already held.
    /// </summary>
    /// <param name="request">The order; its reservation id must be this grain's key.</param>
    /// <param name="dryRun">When true, answers which region would take it and stores nothing anywhere.</param>
    [Alias("Place"), Idempotent]
    Task<PlacementResult> PlaceAsync(PlacementRequest request, bool dryRun = false);
}
