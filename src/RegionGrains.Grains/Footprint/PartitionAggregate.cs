using System.Collections.Immutable;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>What one partition contributes to the footprint: exact sums over its regions, plus recent changes for observers.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.PartitionAggregate")]
public sealed record PartitionAggregate(
    [property: Id(0)] int Partition,
    [property: Id(1)] int Regions,
    [property: Id(2)] ImmutableDictionary<RegionStatus, int> ByStatus,
    [property: Id(3)] ImmutableDictionary<Geography, int> ByGeography,
    [property: Id(4)] ImmutableDictionary<string, ResourceTotals> Resources,
    [property: Id(5)] ImmutableArray<RegionSnapshot> Changed,
    [property: Id(6)] DateTimeOffset? OldestChangeAt)
{
    /// <summary>Region count per site kind.</summary>
    [Id(7)] public ImmutableDictionary<SiteKind, int> ByKind { get; init; } = ImmutableDictionary<SiteKind, int>.Empty;

    /// <summary>
    /// Members not yet checked against their regions' journals since the partition activated (or a silo died): they
    /// are summed as the partition last stored them, or not at all when it stored no snapshot of them.
    /// </summary>
    [Id(8)] public int Unconfirmed { get; init; }
}
