using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// What a command decided: a refusal, or the changes to journal and the state they lead to
/// (both empty when nothing changes).
/// </summary>
internal readonly record struct RegionDecision(
    RegionOutcome Outcome,
    RegionState? Next = null,
    IReadOnlyList<RegionChange>? Changes = null,
    string? Detail = null,
    IReadOnlyList<RegionStatus>? AllowedTargets = null,
    Reservation? Reservation = null,
    ImmutableArray<Shortfall> Shortfalls = default,
    DateTimeOffset? At = null,
    ScheduledChange? Scheduled = null)
{
    public static RegionDecision Refuse(RegionOutcome outcome, string detail) => new(outcome, Detail: detail);
}
