namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// The field rules of a scheduled change, written once for the gateway and the region grain: an id, an instant in
/// the future within ten years, and at least one of a status (with its reason) and pool totals.
/// </summary>
public static class ScheduleValidation
{
    /// <summary>The most changes one region holds pending.</summary>
    public const int MaxPending = 1_000;

    /// <summary>The most pools one scheduled change sets.</summary>
    public const int MaxResources = RegionValidation.MaxResourcesPerReservation;

    /// <summary>Whether <paramref name="at"/> is a valid firing time at <paramref name="now"/>.</summary>
    public static bool IsValidAt(DateTimeOffset now, DateTimeOffset at) => at > now && at - now <= RegionValidation.MaxHorizon;

    /// <summary>Whether a capacity map is valid (absent is: the change may set only a status).</summary>
    public static bool IsValidCapacity(IReadOnlyDictionary<string, long>? capacity) =>
        capacity is null ||
        (capacity.Count is >= 1 and <= MaxResources && capacity.All(p => RegionNames.IsValidResource(p.Key) && RegionValidation.IsValidTotal(p.Value)));

    /// <summary>Every problem of a scheduled change's fields at <paramref name="now"/>, as (field, message).</summary>
    public static IEnumerable<(string Field, string Message)> Problems(
        DateTimeOffset now, string? changeId, DateTimeOffset? at, RegionStatus? status, string? reason, IReadOnlyDictionary<string, long>? capacity)
    {
        if (!RegionNames.IsValidReservationId(changeId))
        {
            yield return ("changeId", ValidationMessages.ChangeId);
        }

        if (at is not { } when || !IsValidAt(now, when))
        {
            yield return ("at", ValidationMessages.At);
        }

        if (status is null && capacity is null)
        {
            yield return ("status", ValidationMessages.ScheduledNothing);
        }

        if (status is { } target && !Enum.IsDefined(target))
        {
            yield return ("status", ValidationMessages.ScheduledStatus);
        }

        if (status is not null && !RegionValidation.IsValidReason(reason))
        {
            yield return ("reason", ValidationMessages.Reason);
        }

        if (status is null && reason is not null)
        {
            yield return ("reason", ValidationMessages.ReasonWithoutStatus);
        }

        if (!IsValidCapacity(capacity))
        {
            yield return ("capacity", ValidationMessages.ScheduledCapacity);
        }
    }
}
