using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Reservations;

/// <summary>Maps reservations between the grains' wire types and the HTTP DTOs.</summary>
internal static class ReservationMappings
{
    public static ReservationResponse ToResponse(this Reservation reservation, string regionId)
    {
        var holds = reservation.Holds;
        var single = holds.Count == 1;
        return new ReservationResponse(
            reservation.ReservationId,
            regionId,
            single ? reservation.Resource : null,
            single ? reservation.Amount : null,
            holds,
            reservation.Consumer,
            reservation.Project,
            reservation.TtlSeconds,
            reservation.CreatedAt,
            reservation.ExpiresAt,
            reservation.State,
            reservation.StartsAt,
            reservation.ExpiresAt,
            reservation.EndedAt);
    }

    /// <summary>The grain request for a body the endpoint has validated (its instants parsed into <paramref name="interval"/>).</summary>
    public static ReservationRequest ToRequest(this ReservationCreateRequest body, (DateTimeOffset? StartsAt, DateTimeOffset? EndsAt) interval) => body.Resources is { } resources
        ? ReservationRequest.ForResources(body.ReservationId!, resources, (int?)body.TtlSeconds, body.Consumer, body.Project, interval.StartsAt, interval.EndsAt)
        : new ReservationRequest(body.ReservationId!, body.Resource!, body.Amount!.Value, (int?)body.TtlSeconds, null, body.Consumer, body.Project, interval.StartsAt, interval.EndsAt);

    public static ShortfallResponse[] ToResponse(this IEnumerable<Shortfall> shortfalls) =>
        [.. shortfalls.Select(s => new ShortfallResponse(s.Resource, s.Requested, s.Available, s.At))];
}
