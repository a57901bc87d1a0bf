using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Events;

/// <summary>A run of a region's events read forward from its journal, oldest first.</summary>
/// <param name="Events">Consecutive events, each one version after the previous; empty when none follow the resume point.</param>
/// <param name="Head">The region's latest version when read.</param>
/// <param name="Truncated">
/// True when the events right after the resume point are no longer kept (older than the retained history), so the run
/// cannot continue exactly from there; <paramref name="Events"/> is then empty.
/// </param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionEventPage")]
public sealed record RegionEventPage(
    [property: Id(0)] ImmutableArray<RegionEvent> Events,
    [property: Id(1)] long Head,
    [property: Id(2)] bool Truncated);
