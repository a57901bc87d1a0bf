using System.Collections.Immutable;
using Orleans.Concurrency;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>Pre-aggregates the regions that hash to it (integer key = partition index) and pushes sums to the coordinator.</summary>
[Alias("RegionGrains.IFootprintPartitionGrain")]
public interface IFootprintPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Records a region's snapshot; older versions than the one held are ignored.</summary>
    /// <param name="snapshot">The region's state.</param>
    /// <param name="changedAt">When the oldest change it carries was made, for staleness.</param>
    /// <remarks>
    /// Interleaving is safe: the check-and-update of the partition's in-memory sums has no await in it,
    /// and the only await (storing a new member) comes after; interleaving lets many new regions share one write.
    /// </remarks>
    [Alias("Publish"), AlwaysInterleave]
    Task PublishAsync(RegionSnapshot snapshot, DateTimeOffset changedAt);

    /// <summary>The current sums, without the change list.</summary>
    /// <remarks>
    /// Reads in-memory sums only. Interleaving avoids a deadlock between a push that waits on the
    /// coordinator and the coordinator, activating, asking for this aggregate.
    /// </remarks>
    [Alias("GetAggregate"), AlwaysInterleave]
    Task<PartitionAggregate> GetAggregateAsync();

    /// <summary>The regions held, filtered.</summary>
    /// <remarks>Reads in-memory snapshots only; safe to interleave for the same reason.</remarks>
    [Alias("GetRegions"), AlwaysInterleave]
    Task<ImmutableArray<RegionSnapshot>> GetRegionsAsync(RegionStatus? status, Geography? geography, SiteKind? kind);
}
