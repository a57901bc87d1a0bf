using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Schedule;

/// <summary>Maps scheduled changes between the grain's wire types and the HTTP DTOs.</summary>
internal static class ScheduleMappings
{
    public static ScheduledChangeResponse ToResponse(this ScheduledChange change, string regionId) => new(
        change.ChangeId,
        regionId,
        change.At,
        change.Status,
        change.Reason,
        change.Capacity,
        change.ScheduledBy,
        change.ScheduledAt,
        change.State,
        change.EndedAt,
        change.Detail,
        change.CancelledBy);
}
