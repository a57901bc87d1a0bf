using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>A lifecycle or capacity change to make at a later instant.</summary>
/// <param name="ChangeId">Idempotency key: the same id with the same body answers the original change.</param>
/// <param name="At">When it fires (UTC).</param>
/// <param name="Status">The status to move to, if any; needs <paramref name="Reason"/>.</param>
/// <param name="Reason">Why the status changes, kept in the history.</param>
/// <param name="Capacity">Pool totals to set, by resource, if any.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ScheduleRequest")]
public sealed record ScheduleRequest(
    [property: Id(0)] string ChangeId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] RegionStatus? Status = null,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] ImmutableSortedDictionary<string, long>? Capacity = null);
