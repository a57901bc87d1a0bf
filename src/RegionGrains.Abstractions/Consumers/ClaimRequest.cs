using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>
/// What a consumer's claims should hold: per region, per resource. Replaces every claim the consumer holds, all or
/// nothing; an empty map releases them all. <paramref name="ClaimId"/> is its idempotency key.
/// </summary>
/// <param name="ClaimId">Caller-chosen id; replaying it with the same body answers the original result.</param>
/// <param name="Allocations">Region id to resource to amount.</param>
/// <param name="TtlSeconds">Lifetime of the holds, if any.</param>
/// <param name="Project">The consumer's project, recorded on every hold.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ClaimRequest")]
public sealed record ClaimRequest(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Allocations,
    [property: Id(2)] int? TtlSeconds = null,
    [property: Id(3)] string? Project = null)
{
    /// <summary>Whether <paramref name="other"/> asks for exactly this.</summary>
    public bool Matches(ClaimRequest other) =>
        ClaimId == other.ClaimId && TtlSeconds == other.TtlSeconds && Project == other.Project &&
        Allocations.Count == other.Allocations.Count &&
        Allocations.All(p => other.Allocations.TryGetValue(p.Key, out var holds) && Regions.ReservationRequest.SameHolds(p.Value, holds));
}
