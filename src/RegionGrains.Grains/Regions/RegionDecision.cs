using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>What a command decided: a refusal, or the next state to store (null when nothing changes).</summary>
internal readonly record struct RegionDecision(
    RegionOutcome Outcome,
    RegionState? Next = null,
    string? Detail = null,
    IReadOnlyList<RegionStatus>? AllowedTargets = null,
    Reservation? Reservation = null)
{
    public static RegionDecision Refuse(RegionOutcome outcome, string detail) => new(outcome, Detail: detail);
}
