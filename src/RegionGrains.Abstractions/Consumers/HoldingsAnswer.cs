using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>What a consumer holds in each region, by region id, and when the footprint partitions answered.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.HoldingsAnswer")]
public sealed record HoldingsAnswer(
    [property: Id(0)] ImmutableArray<ConsumerHolding> Holdings,
    [property: Id(1)] DateTimeOffset AsOf);
