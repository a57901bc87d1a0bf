using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Regions;

/// <summary>Maps grain wire types to HTTP DTOs.</summary>
internal static class RegionMappings
{
    public static RegionResponse ToResponse(this RegionSnapshot region) => new(
        region.Id,
        region.Definition.DisplayName,
        region.Definition.CountryCode,
        region.Definition.Geography,
        region.Definition.Latitude,
        region.Definition.Longitude,
        region.Definition.Kind,
        region.Definition.LanguageList,
        region.Definition.SupportHours,
        region.Status,
        region.Capacity.ToDictionary(p => p.Key, p => new CapacityResponse(p.Value.Total, p.Value.Reserved, p.Value.Available), StringComparer.Ordinal),
        region.Reservations,
        region.Version,
        region.UpdatedAt);

    public static ReservationResponse ToResponse(this Reservation reservation, string regionId) => new(
        reservation.ReservationId,
        regionId,
        reservation.Resource,
        reservation.Amount,
        reservation.TtlSeconds,
        reservation.CreatedAt,
        reservation.ExpiresAt);

    public static RegionEventResponse ToResponse(this RegionEvent e) => new(e.Version, e.Time, e.Kind, e.Detail, e.Reason, e.Actor);

    public static string ToETag(this RegionSnapshot region) => $"\"{region.Version}\"";
}
