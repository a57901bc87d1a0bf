using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Regions;

/// <summary>
/// A region as the API returns it; <c>languages</c> is empty and <c>supportHours</c> null for a data center.
/// <c>pendingChanges</c> counts changes across regions (claims, moves) prepared here and not yet decided: their extra
/// amounts count as reserved until then.
/// </summary>
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
    DateTimeOffset UpdatedAt,
    int PendingChanges);

/// <summary>One capacity pool: usable = floor((total − heldBack) × overcommit), available = usable − reserved.</summary>
public sealed record CapacityResponse(
    long Total,
    long Reserved,
    long Available,
    long Usable,
    long HeldBack,
    decimal Overcommit,
    long MinUnit,
    long? MaxUnit,
    long StepSize);

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

/// <summary>
/// Body of <c>PUT /api/regions/{id}/capacity/{resource}</c>: the pool's total and its allocation policy. The body is
/// the whole pool: a policy field left out takes its default (heldBack 0, overcommit 1.0, minUnit 1, no maxUnit,
/// stepSize 1).
/// </summary>
public sealed record CapacityRequest(
    long? Total,
    long? HeldBack = null,
    decimal? Overcommit = null,
    long? MinUnit = null,
    long? MaxUnit = null,
    long? StepSize = null);

/// <summary>One history event.</summary>
public sealed record RegionEventResponse(long Version, DateTimeOffset Time, RegionEventKind Kind, string Detail, string? Reason, string? Actor);
