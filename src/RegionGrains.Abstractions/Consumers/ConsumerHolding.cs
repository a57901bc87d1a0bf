using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>What a consumer holds in one region, summed over its reservations there (claims included).</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.ConsumerHolding")]
public sealed record ConsumerHolding(
    [property: Id(0)] string RegionId,
    [property: Id(1)] ImmutableSortedDictionary<string, long> Holds,
    [property: Id(2)] long RegionVersion);
