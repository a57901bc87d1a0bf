namespace RegionGrains.Gateway.Reservations;

/// <summary>
/// Body of <c>POST /api/regions/{id}/reservations</c>: one resource (<c>resource</c> and <c>amount</c>) or several held
/// all or nothing (<c>resources</c>), optionally for a named consumer and project.
/// </summary>
public sealed record ReservationCreateRequest(
    string? ReservationId,
    string? Resource,
    long? Amount,
    long? TtlSeconds,
    IReadOnlyDictionary<string, long>? Resources = null,
    string? Consumer = null,
    string? Project = null);

/// <summary>
/// A held reservation. <c>resources</c> lists everything it holds; <c>resource</c> and <c>amount</c> are set only when
/// it holds one resource.
/// </summary>
public sealed record ReservationResponse(
    string ReservationId,
    string RegionId,
    string? Resource,
    long? Amount,
    IReadOnlyDictionary<string, long> Resources,
    string? Consumer,
    string? Project,
    int? TtlSeconds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);

/// <summary>One resource a reservation could not have, in a 409 insufficient-capacity problem.</summary>
public sealed record ShortfallResponse(string Resource, long Requested, long Available);
