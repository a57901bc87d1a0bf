using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>A page of regions sorted by id, and whether more regions match after its last one.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionPage")]
public sealed record RegionPage(
    [property: Id(0)] ImmutableArray<RegionSnapshot> Regions,
    [property: Id(1)] bool HasMore);
