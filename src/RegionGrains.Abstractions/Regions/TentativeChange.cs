using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// One region's part of a change across regions (a consumer's claim, or a move): set reservation
/// <paramref name="ReservationId"/> to hold exactly <paramref name="Holds"/> (nothing: release it), if the coordinating
/// consumer decides to. Until then the region holds the larger of the old and the new amounts, so that neither outcome
/// can over-allocate, and acknowledges neither.
/// </summary>
/// <param name="TxId">The change's id, unique per attempt.</param>
/// <param name="Consumer">The consumer whose grain coordinates the change and decides it.</param>
/// <param name="ReservationId">The reservation the change sets; one that exists must belong to <paramref name="Consumer"/>.</param>
/// <param name="Holds">What the reservation holds once committed; empty releases it.</param>
/// <param name="LeaseSeconds">How long the region waits for the decision before asking the consumer for it.</param>
/// <param name="TtlSeconds">Lifetime of the reservation once committed, if any.</param>
/// <param name="Project">The consumer's project, recorded on the reservation.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.TentativeChange")]
public sealed record TentativeChange(
    [property: Id(0)] string TxId,
    [property: Id(1)] string Consumer,
    [property: Id(2)] string ReservationId,
    [property: Id(3)] ImmutableSortedDictionary<string, long> Holds,
    [property: Id(4)] int LeaseSeconds,
    [property: Id(5)] int? TtlSeconds = null,
    [property: Id(6)] string? Project = null)
{
    /// <summary>The reservation id of a consumer's claim in a region: one per consumer and region.</summary>
    public static string ClaimReservationId(string consumer) => ClaimPrefix + consumer;

    /// <summary>Reservation ids that start so are kept for claims: a caller cannot make or release one directly.</summary>
    public const string ClaimPrefix = "claim:";
}
