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

    /// <summary>The message for a change id that is not valid.</summary>
    public const string ChangeIdMessage = "changeId, when given, matches " + RegionNames.ReservationIdRegex + ".";

    /// <summary>The message for an instant that is missing, past or too far ahead.</summary>
    public const string AtMessage = "at is required: an RFC 3339 instant with an offset, such as 2027-01-01T00:00:00Z, in the future and within ten years from now.";

    /// <summary>The message for a change that changes nothing.</summary>
    public const string NothingMessage = "Give status (with reason), capacity, or both.";

    /// <summary>The message for a capacity map that is empty, too large or holds a bad entry.</summary>
    public static readonly string CapacityMessage =
        $"capacity maps 1 to {MaxResources} resource names (matching {RegionNames.ResourceRegex}) to totals from 0 to {RegionValidation.MaxPoolTotal}.";

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
            yield return ("changeId", ChangeIdMessage);
        }

        if (at is not { } when || !IsValidAt(now, when))
        {
            yield return ("at", AtMessage);
        }

        if (status is null && capacity is null)
        {
            yield return ("status", NothingMessage);
        }

        if (status is { } target && !Enum.IsDefined(target))
        {
            yield return ("status", $"status must be one of {RegionValidation.Names<RegionStatus>()}.");
        }

        if (status is not null && !RegionValidation.IsValidReason(reason))
        {
            yield return ("reason", RegionValidation.ReasonMessage);
        }

        if (status is null && reason is not null)
        {
            yield return ("reason", "reason goes with a status change; give status too, or leave reason out.");
        }

        if (!IsValidCapacity(capacity))
        {
            yield return ("capacity", CapacityMessage);
        }
    }
}
