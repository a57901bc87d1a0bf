using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Regions;

/// <summary>A region as the API returns it; <c>languages</c> is empty and <c>supportHours</c> null for a data center.</summary>
public sealed record RegionResponse(
    string Id,
    string DisplayName,
    string CountryCode,
    Geography Geography,
    double Latitude,
    double Longitude,
    SiteKind Kind,
    IReadOnlyList<string> Languages,
    string? SupportHours,
    RegionStatus Status,
    IReadOnlyDictionary<string, CapacityResponse> Capacity,
    int Reservations,
    long Version,
    DateTimeOffset UpdatedAt);

/// <summary>One capacity pool.</summary>
public sealed record CapacityResponse(long Total, long Reserved, long Available);

/// <summary>Body of <c>PUT /api/regions/{id}</c>; without <c>kind</c> the region is a data center.</summary>
public sealed record RegionDefinitionRequest(
    string? DisplayName,
    string? CountryCode,
    Geography? Geography,
    double? Latitude,
    double? Longitude,
    SiteKind? Kind = null,
    IReadOnlyList<string>? Languages = null,
    string? SupportHours = null);

/// <summary>Body of <c>POST /api/regions/{id}/status</c>.</summary>
public sealed record StatusChangeRequest(RegionStatus? Status, string? Reason);

/// <summary>Body of <c>PUT /api/regions/{id}/capacity/{resource}</c>.</summary>
public sealed record CapacityRequest(long? Total);

/// <summary>Body of <c>POST /api/regions/{id}/reservations</c>.</summary>
public sealed record ReservationCreateRequest(string? ReservationId, string? Resource, long? Amount, long? TtlSeconds);

/// <summary>A held reservation.</summary>
public sealed record ReservationResponse(
    string ReservationId,
    string RegionId,
    string Resource,
    long Amount,
    int? TtlSeconds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);

/// <summary>One history event.</summary>
public sealed record RegionEventResponse(long Version, DateTimeOffset Time, RegionEventKind Kind, string Detail, string? Reason, string? Actor);
