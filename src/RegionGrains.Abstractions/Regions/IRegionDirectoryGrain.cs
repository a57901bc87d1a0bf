namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// Lists regions page by page, sorted by id, straight from the footprint partitions (each keeps its regions sorted):
/// a stateless worker on whichever silo the call reaches, so listing neither goes through the coordinator nor
/// builds the whole list anywhere. Use key <see cref="Key"/>.
/// </summary>
[Alias("RegionGrains.IRegionDirectoryGrain")]
public interface IRegionDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The one key; the grain is a stateless worker, so every silo serves it locally.</summary>
    public const long Key = 0;

    /// <summary>
    /// Up to <see cref="RegionPageQuery.Limit"/> defined regions matching the filters with ids after
    /// <see cref="RegionPageQuery.After"/> (ordinal order), and whether more follow.
    /// </summary>
    [Alias("List"), Idempotent]
    Task<RegionPage> ListAsync(RegionPageQuery query);

    /// <summary>What <paramref name="consumer"/> holds in each region (sorted by region id), from the partitions' copies.</summary>
    [Alias("FindHoldings"), Idempotent]
    Task<Consumers.HoldingsAnswer> FindHoldingsAsync(string consumer);

    /// <summary>What <paramref name="project"/> holds, summed per resource over every region, from the partitions' copies.</summary>
    [Alias("SumUsage"), Idempotent]
    Task<Consumers.UsageAnswer> SumUsageAsync(string project);
}
