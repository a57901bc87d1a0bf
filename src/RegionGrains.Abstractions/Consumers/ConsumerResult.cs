using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>What became of a claim or a move.</summary>
/// <param name="Outcome">
/// <see cref="RegionOutcome.Ok"/> (done), <see cref="RegionOutcome.Replayed"/> (done before under this id), or a refusal:
/// <see cref="RegionOutcome.VersionMismatch"/>, <see cref="RegionOutcome.ReservationIdReused"/> (the id was used with
/// another body), <see cref="RegionOutcome.NotFound"/>, or the refusing region's outcome.
/// </param>
/// <param name="Version">The consumer's version after it (one more per claim or move that took effect).</param>
/// <param name="Allocations">The consumer's claims after it: region to resource to amount.</param>
/// <param name="Refusal">Which region refused, and why.</param>
/// <param name="Detail">Why, in words.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ConsumerResult")]
public sealed record ConsumerResult(
    [property: Id(0)] RegionOutcome Outcome,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Allocations,
    [property: Id(3)] ClaimRefusal? Refusal = null,
    [property: Id(4)] string? Detail = null)
{
    /// <summary>Whether the change took effect (now or before).</summary>
    public bool Succeeded => Outcome is RegionOutcome.Ok or RegionOutcome.Replayed;
}
