using System.Text.Json;
using System.Text.Json.Serialization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Reservations;

/// <summary>
/// Body of <c>POST /api/regions/{id}/reservations</c>: one resource (<c>resource</c> and <c>amount</c>) or several held
/// all or nothing (<c>resources</c>), optionally for a named consumer and project, from <c>startsAt</c> (default: at
/// once) until <c>endsAt</c> or for <c>ttlSeconds</c> from the start (default: until released). Instants are RFC 3339
/// with an explicit offset (<c>Z</c> or <c>+hh:mm</c>).
/// </summary>
public sealed record ReservationCreateRequest(
    string? ReservationId,
    string? Resource,
    long? Amount,
    long? TtlSeconds,
    IReadOnlyDictionary<string, long>? Resources = null,
    string? Consumer = null,
    string? Project = null,
    string? StartsAt = null,
    string? EndsAt = null);

/// <summary>
/// Body of <c>PATCH /api/regions/{id}/reservations/{reservationId}</c>, a JSON merge patch (RFC 7396): <c>amount</c>
/// (a reservation of one resource) or <c>resources</c> (new amounts of resources it holds), and <c>endsAt</c> (an
/// instant, or null for no end). Members left out stay as they are.
/// </summary>
/// <remarks>
/// <c>endsAt</c> is read as a JSON element because a merge patch tells "left out" (no change) from <c>null</c> (no
/// end); a typed nullable member would read both as null.
/// </remarks>
public sealed record ReservationPatchRequest
{
    public long? Amount { get; init; }

    public IReadOnlyDictionary<string, long>? Resources { get; init; }

    public JsonElement EndsAt { get; init; }
}

/// <summary>
/// A held reservation. <c>resources</c> lists everything it holds; <c>resource</c> and <c>amount</c> are set only when
/// it holds one resource.
/// </summary>
/// <remarks>
/// <c>state</c> is Scheduled (booked from <c>startsAt</c>, holding nothing yet), Active, or how it ended: Released,
/// Expired or Cancelled (released before it started), with <c>endedAt</c>. <c>expiresAt</c> is the same instant as
/// <c>endsAt</c>.
/// </remarks>
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
    DateTimeOffset? ExpiresAt,
    ReservationState State,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset? EndedAt);

/// <summary>
/// One resource a reservation could not have, in a 409 insufficient-capacity problem: the least it had available over
/// the interval asked for, and the first instant at which the amount did not fit.
/// </summary>
public sealed record ShortfallResponse(
    string Resource,
    long Requested,
    long Available,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? At);
