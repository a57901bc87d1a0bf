using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>One page of a region's history, newest first.</summary>
/// <param name="Events">The events of this page.</param>
/// <param name="NextBefore">The <c>before</c> version of the next (older) page; null when this page is the last.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionHistoryPage")]
public sealed record RegionHistoryPage(
    [property: Id(0)] ImmutableArray<RegionEvent> Events,
    [property: Id(1)] long? NextBefore);
