namespace RegionGrains.Abstractions.Placement;

/// <summary>
/// Answers placement queries from the footprint partitions' live copies of every region: one call per partition,
/// whatever the number of regions. A stateless worker on whichever silo the call reaches. Use key <see cref="Key"/>.
/// </summary>
[Alias("RegionGrains.IPlacementGrain")]
public interface IPlacementGrain : IGrainWithIntegerKey
{
    /// <summary>The one key; the grain is a stateless worker, so every silo serves it locally.</summary>
    public const long Key = 0;

    /// <summary>The regions that can take the whole order now, best first by the query's policy.</summary>
    [Alias("Find"), Idempotent]
    Task<PlacementAnswer> FindAsync(PlacementQuery query);
}
