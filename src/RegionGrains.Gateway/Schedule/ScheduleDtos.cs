using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Schedule;

/// <summary>
/// Body of <c>POST /api/regions/{id}/schedule</c>: at <c>at</c> (an RFC 3339 instant with an offset, in the future and
/// within ten years), move the region to <c>status</c> (with <c>reason</c>) and/or set the pool totals in
/// <c>capacity</c> (resource to total). <c>changeId</c> is an optional idempotency key chosen by the client; without
/// one, the gateway makes one up (and a retry books the change again).
/// </summary>
public sealed record ScheduleChangeRequest(
    string? At,
    RegionStatus? Status = null,
    string? Reason = null,
    IReadOnlyDictionary<string, long>? Capacity = null,
    string? ChangeId = null);

/// <summary>A scheduled change as the API shows it: what it does, who scheduled it, and where it stands.</summary>
public sealed record ScheduledChangeResponse(
    string ChangeId,
    string RegionId,
    DateTimeOffset At,
    RegionStatus? Status,
    string? Reason,
    IReadOnlyDictionary<string, long>? Capacity,
    string ScheduledBy,
    DateTimeOffset ScheduledAt,
    ScheduledChangeState State,
    DateTimeOffset? EndedAt,
    string? Detail,
    string? CancelledBy);
