using System.Collections.Immutable;
using Orleans.Concurrency;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>Pre-aggregates the regions that hash to it (integer key = partition index) and pushes sums to the coordinator.</summary>
[Alias("RegionGrains.IFootprintPartitionGrain")]
public interface IFootprintPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Records regions' snapshots (a silo's outbox sends what accumulated); older versions than those held are ignored.</summary>
    /// <param name="pushes">Each region's newest snapshot and when its oldest unsent change was made, for staleness.</param>
    /// <remarks>
    /// Interleaving is safe: the check-and-update of the partition's in-memory sums has no await in it,
    /// and the only await (storing new members) comes after; interleaving lets many new regions share one write.
    /// </remarks>
    [Alias("PublishMany"), AlwaysInterleave]
    Task PublishAsync(ImmutableArray<RegionPush> pushes);

    /// <summary>The current sums, without the change list, and how many of its regions are not confirmed yet.</summary>
    /// <remarks>
    /// Reads in-memory sums only, without waiting for a new activation's catch-up. Interleaving avoids a deadlock between a push that waits on the
    /// coordinator and the coordinator, activating, asking for this aggregate.
    /// </remarks>
    [Alias("GetAggregate"), AlwaysInterleave]
    Task<PartitionAggregate> GetAggregateAsync();

    /// <summary>The regions held, filtered.</summary>
    /// <remarks>Reads in-memory snapshots only; safe to interleave for the same reason.</remarks>
    [Alias("GetRegions"), AlwaysInterleave]
    Task<ImmutableArray<RegionSnapshot>> GetRegionsAsync(RegionStatus? status, Geography? geography, SiteKind? kind);

    /// <summary>Its best candidates for an order (at most the query's limit, in the policy's order), and when it answered.</summary>
    /// <remarks>Reads in-memory snapshots only, once its members are read back; safe to interleave for the same reason.</remarks>
    [Alias("FindCandidates"), AlwaysInterleave]
    Task<PlacementAnswer> FindCandidatesAsync(PlacementQuery query);

    /// <summary>What a consumer holds in each of its regions, and when it answered.</summary>
    /// <remarks>Reads in-memory snapshots only, once its members are read back; safe to interleave for the same reason.</remarks>
    [Alias("FindHoldings"), AlwaysInterleave]
    Task<HoldingsAnswer> FindHoldingsAsync(string consumer);

    /// <summary>What a project holds over its regions, per resource, and when it answered.</summary>
    /// <remarks>Reads in-memory snapshots only, once its members are read back; safe to interleave for the same reason.</remarks>
    [Alias("SumUsage"), AlwaysInterleave]
    Task<UsageAnswer> SumUsageAsync(string project);

    /// <summary>Up to <see cref="RegionPageQuery.Limit"/> of its regions after <see cref="RegionPageQuery.After"/>, filtered, in id order.</summary>
    /// <remarks>
    /// Builds the page from in-memory snapshots within one turn. Members that a new activation has not confirmed against
    /// their journals yet are confirmed first (their heads read, the regions behind re-read), and the page is then built
    /// again from the start, so an interleaved call never sees a half-built page; interleaving is safe for the same
    /// reason as above.
    /// </remarks>
    [Alias("GetRegionPage"), AlwaysInterleave]
    Task<RegionPage> GetRegionPageAsync(RegionPageQuery query);
}
