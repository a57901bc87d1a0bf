using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>A held reservation: one or several resources of one region, all held together.</summary>
/// <param name="ReservationId">The idempotency key it was made with.</param>
/// <param name="Resource">The first resource it holds (ordinal order); <see cref="Holds"/> has them all.</param>
/// <param name="Amount">The amount held of <paramref name="Resource"/>.</param>
/// <param name="TtlSeconds">The lifetime asked for, if any.</param>
/// <param name="CreatedAt">When it was acknowledged.</param>
/// <param name="ExpiresAt">When it expires by itself, if it has a lifetime.</param>
/// <param name="Resources">Every resource held with its amount, for a reservation of several; null for one resource.</param>
/// <param name="Consumer">Who the capacity is held for, if named.</param>
/// <param name="Project">The consumer's project, if named.</param>
/// <param name="StartsAt">When it was booked to start, if it was booked with a start; it holds nothing before then.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="EndedAt">When it ended, once it has.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.Reservation")]
public sealed record Reservation(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string Resource,
    [property: Id(2)] long Amount,
    [property: Id(3)] int? TtlSeconds,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt,
    [property: Id(6)] ImmutableSortedDictionary<string, long>? Resources = null,
    [property: Id(7)] string? Consumer = null,
    [property: Id(8)] string? Project = null,
    [property: Id(9)] DateTimeOffset? StartsAt = null,
    [property: Id(10)] ReservationState State = ReservationState.Active,
    [property: Id(11)] DateTimeOffset? EndedAt = null)
{
    /// <summary>Every resource held, with its amount.</summary>
    public ImmutableSortedDictionary<string, long> Holds => Resources ?? ReservationRequest.OneResource(Resource, Amount);

    /// <summary>Whether <paramref name="request"/> asks for exactly this reservation.</summary>
    public bool Matches(ReservationRequest request) =>
        request.ReservationId == ReservationId && request.TtlSeconds == TtlSeconds &&
        request.Consumer == Consumer && request.Project == Project &&
        request.StartsAt == StartsAt &&
        (request.EndsAt is { } end ? end == ExpiresAt : request.TtlSeconds is not null || ExpiresAt is null) &&
        ReservationRequest.SameHolds(request.Holds, Holds);

    /// <summary>When it holds from: its booked start, or its creation.</summary>
    public DateTimeOffset HoldsFrom => StartsAt is { } start && start > CreatedAt ? start : CreatedAt;
}
