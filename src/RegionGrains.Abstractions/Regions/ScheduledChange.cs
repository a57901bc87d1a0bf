using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>A change a region makes by itself at <see cref="At"/>, and how it ended once it did.</summary>
/// <param name="ChangeId">Its id within the region.</param>
/// <param name="At">When it fires (UTC).</param>
/// <param name="Status">The status it moves the region to, if any.</param>
/// <param name="Reason">The reason recorded with the status change.</param>
/// <param name="Capacity">Pool totals it sets, by resource, if any.</param>
/// <param name="ScheduledBy">Who scheduled it.</param>
/// <param name="ScheduledAt">When it was scheduled.</param>
/// <param name="State">Pending, or how it ended.</param>
/// <param name="EndedAt">When it fired, failed or was cancelled.</param>
/// <param name="Detail">For a failed change, the region's refusal.</param>
/// <param name="CancelledBy">Who cancelled it.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ScheduledChange")]
public sealed record ScheduledChange(
    [property: Id(0)] string ChangeId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] RegionStatus? Status,
    [property: Id(3)] string? Reason,
    [property: Id(4)] ImmutableSortedDictionary<string, long>? Capacity,
    [property: Id(5)] string ScheduledBy,
    [property: Id(6)] DateTimeOffset ScheduledAt,
    [property: Id(7)] ScheduledChangeState State = ScheduledChangeState.Pending,
    [property: Id(8)] DateTimeOffset? EndedAt = null,
    [property: Id(9)] string? Detail = null,
    [property: Id(10)] string? CancelledBy = null)
{
    /// <summary>Whether <paramref name="request"/> asks for exactly this change (an idempotent replay).</summary>
    public bool Matches(ScheduleRequest request) =>
        request.ChangeId == ChangeId && request.At == At && request.Status == Status && request.Reason == Reason &&
        (request.Capacity ?? ImmutableSortedDictionary<string, long>.Empty).SequenceEqual(Capacity ?? ImmutableSortedDictionary<string, long>.Empty);

    /// <summary>What it does, as the history says it.</summary>
    public string Describe() => string.Join(
        ", ",
        new[] { Status is { } status ? $"status -> {status}" : null }
            .Concat((Capacity ?? ImmutableSortedDictionary<string, long>.Empty).Select(p => $"{p.Key} total -> {p.Value}"))
            .OfType<string>());
}
