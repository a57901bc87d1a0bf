using System.Collections.Immutable;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Consumers;

/// <summary>
/// One change across regions that a consumer coordinates: the operation it carries out, each region's part, and the
/// claims the consumer holds if it commits.
/// </summary>
/// <param name="TxId">Unique per attempt; the regions know the change by it.</param>
/// <param name="OperationKey">The idempotency key: "claim:" or "move:" and the caller's id.</param>
/// <param name="Claim">The claim it carries out, if a claim.</param>
/// <param name="Move">The move it carries out, if a move.</param>
/// <param name="Parts">Each region's part.</param>
/// <param name="Allocations">The consumer's claims once it commits.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ConsumerTx")]
public sealed record ConsumerTx(
    [property: Id(0)] string TxId,
    [property: Id(1)] string OperationKey,
    [property: Id(2)] ClaimRequest? Claim,
    [property: Id(3)] MoveRequest? Move,
    [property: Id(4)] ImmutableArray<RegionPart> Parts,
    [property: Id(5)] ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Allocations);

/// <summary>One region's part of a <see cref="ConsumerTx"/>.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionPart")]
public sealed record RegionPart(
    [property: Id(0)] string RegionId,
    [property: Id(1)] TentativeChange Change);
