using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>A consumer: its claims as it last committed them, and what it holds in every region.</summary>
/// <param name="Consumer">The consumer's name.</param>
/// <param name="Version">One more per claim or move that took effect; the HTTP ETag.</param>
/// <param name="Allocations">Its claims: region to resource to amount.</param>
/// <param name="Holdings">Everything it holds, region by region (claims and reservations naming it), from the footprint.</param>
/// <param name="AsOf">When the footprint partitions answered for <paramref name="Holdings"/>.</param>
/// <param name="Pending">Whether a change it coordinates is still being completed in some region.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ConsumerView")]
public sealed record ConsumerView(
    [property: Id(0)] string Consumer,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Allocations,
    [property: Id(3)] ImmutableArray<ConsumerHolding> Holdings,
    [property: Id(4)] DateTimeOffset AsOf,
    [property: Id(5)] bool Pending);
