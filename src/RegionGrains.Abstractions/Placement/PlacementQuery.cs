using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Placement;

/// <summary>Which regions can take an order now, and in which order to try them.</summary>
/// <param name="Resources">The order: resource name to amount, all of which one region must take.</param>
/// <param name="Policy">How to order the candidates.</param>
/// <param name="Limit">At most this many candidates, 1 to <see cref="MaxLimit"/>.</param>
/// <param name="Status">Only regions in this status (which must accept reservations to yield any).</param>
/// <param name="Geography">Only regions in this geography.</param>
/// <param name="Kind">Only sites of this kind (only data centers hold capacity).</param>
/// <param name="Near">The point <see cref="PlacementPolicy.Nearest"/> measures from; with another policy, only reported.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.PlacementQuery")]
public sealed record PlacementQuery(
    [property: Id(0)] ImmutableSortedDictionary<string, long> Resources,
    [property: Id(1)] PlacementPolicy Policy = PlacementPolicy.Spread,
    [property: Id(2)] int Limit = PlacementQuery.DefaultLimit,
    [property: Id(3)] RegionStatus? Status = null,
    [property: Id(4)] Geography? Geography = null,
    [property: Id(5)] SiteKind? Kind = null,
    [property: Id(6)] GeoPoint? Near = null)
{
    /// <summary>The default number of candidates.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The most candidates one answer holds.</summary>
    public const int MaxLimit = 1_000;
}
