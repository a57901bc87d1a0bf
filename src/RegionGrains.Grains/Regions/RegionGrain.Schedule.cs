using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Regions;

/// <summary>The region's schedule: status and capacity changes it makes by itself at a later instant.</summary>
internal sealed partial class RegionGrain
{
    public async Task<ScheduleResult> ScheduleAsync(ScheduleRequest request, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Schedule, this);
        await ExpireDueAsync();
        var decision = Rules.Schedule(State, request, CallerContext());
        var result = await CommitAsync(decision, dryRun);
        activity.SetOutcome(result.Outcome);
        return new ScheduleResult(result.Outcome, decision.Scheduled, result.Detail, State.IsDefined);
    }

    public async Task<ScheduleResult> CancelScheduledAsync(string changeId, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.CancelScheduled, this);
        await ExpireDueAsync();
        var decision = Rules.CancelScheduled(State, changeId, CallerContext());
        var result = await CommitAsync(decision, dryRun);
        activity.SetOutcome(result.Outcome);
        return new ScheduleResult(result.Outcome, decision.Scheduled, result.Detail, State.IsDefined);
    }

    public async Task<ImmutableArray<ScheduledChange>?> GetScheduleAsync()
    {
        await ExpireDueAsync();
        return State.IsDefined ? RegionRules.ListSchedule(State) : null;
    }

    public async Task<ScheduleResult> GetScheduledAsync(string changeId)
    {
        await ExpireDueAsync();
        return RegionRules.FindScheduled(State, changeId) is { } change
            ? new ScheduleResult(RegionOutcome.Ok, change)
            : new ScheduleResult(RegionOutcome.NotFound, Detail: $"The region has no scheduled change '{changeId}'.", RegionExists: State.IsDefined);
    }
}
