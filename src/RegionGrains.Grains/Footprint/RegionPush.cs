using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>A region's newest snapshot on its way to its partition.</summary>
/// <param name="Snapshot">The region's state.</param>
/// <param name="ChangedAt">When the oldest change it carries was acknowledged, for staleness.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionPush")]
public sealed record RegionPush(
    [property: Id(0)] RegionSnapshot Snapshot,
    [property: Id(1)] DateTimeOffset ChangedAt);
