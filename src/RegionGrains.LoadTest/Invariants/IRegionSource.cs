namespace RegionGrains.LoadTest.Invariants;

/// <summary>Where the invariant checker reads regions and the footprint from.</summary>
public interface IRegionSource
{
    /// <summary>Ids of every region the cluster lists, or null when listing is skipped (too many to list in one answer).</summary>
    Task<IReadOnlyCollection<string>?> ListIdsAsync(CancellationToken cancellationToken);

    Task<RegionView?> GetAsync(string id, CancellationToken cancellationToken);

    Task<FootprintView> GetFootprintAsync(CancellationToken cancellationToken);

    /// <summary>How many of the acknowledged reservations are missing or different, with a sample for the report.</summary>
    Task<(long Missing, string Detail)> FindMissingAsync(RegionSet regions, IReadOnlyDictionary<string, RegionView> read, CancellationToken cancellationToken);
}
