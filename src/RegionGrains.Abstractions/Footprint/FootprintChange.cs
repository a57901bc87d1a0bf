using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Footprint;

/// <summary>What observers receive: the new footprint and the regions that changed since the previous notification.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.FootprintChange")]
public sealed record FootprintChange(
    [property: Id(0)] GlobalFootprint Footprint,
    [property: Id(1)] ImmutableArray<RegionSnapshot> Regions);
