using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// Scheduled changes: a status or capacity change booked for a later instant. Scheduling checks the fields and the id;
/// whether the change is allowed is decided when it fires, by the same rules as the immediate change, against the
/// region as it is then. A refusal at that time is journaled as the change's failure and nothing else changes.
/// </summary>
internal sealed partial class RegionRules
{
    public RegionDecision Schedule(RegionState state, ScheduleRequest request, ChangeContext context)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (FindScheduled(state, request.ChangeId) is { } existing)
        {
            // A replay is answered with the change as it stands now, pending or ended.
            return existing.Matches(request)
                ? new RegionDecision(RegionOutcome.Replayed, Scheduled: existing)
                : RegionDecision.Refuse(RegionOutcome.ChangeIdReused, $"Change id '{request.ChangeId}' is already used for {existing.Describe()} at {existing.At.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'}.");
        }

        var problem = ScheduleValidation.Problems(context.Now, request.ChangeId, request.At, request.Status, request.Reason, request.Capacity).FirstOrDefault();
        if (problem.Message is { } message)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, message);
        }

        if (request.Capacity is not null && NotADataCenter(state) is { } refused)
        {
            return refused;
        }

        if (state.Schedule.Count >= ScheduleValidation.MaxPending)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, $"The region already holds {state.Schedule.Count} pending scheduled changes, the most it keeps; cancel one first.");
        }

        var change = new ScheduledChange(
            request.ChangeId, request.At.ToUniversalTime(), request.Status, request.Reason, request.Capacity, context.Actor, context.Now);
        return Decide(RegionOutcome.Created, state, new ChangeScheduled(state.Version + 1, context.Now, context.Actor, change)) with { Scheduled = change };
    }

    public RegionDecision CancelScheduled(RegionState state, string changeId, ChangeContext context)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (state.Schedule.TryGetValue(changeId, out var pending))
        {
            var cancelled = new ScheduledChangeCancelled(state.Version + 1, context.Now, context.Actor, changeId);
            var next = Apply(state, cancelled);
            return new RegionDecision(RegionOutcome.Ok, next, [cancelled], Scheduled: next.ScheduleEnded[changeId]);
        }

        return state.ScheduleEnded.TryGetValue(changeId, out var ended)
            ? ended.State == ScheduledChangeState.Cancelled
                ? new RegionDecision(RegionOutcome.Ok, Scheduled: ended)
                : new RegionDecision(RegionOutcome.AlreadyFired, Detail: $"Scheduled change '{changeId}' already {(ended.State == ScheduledChangeState.Fired ? "fired" : "failed")} at {ended.EndedAt?.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'}; it can no longer be cancelled.", Scheduled: ended)
            : RegionDecision.Refuse(RegionOutcome.NotFound, $"The region has no scheduled change '{changeId}'.");
    }

    /// <summary>The pending changes in firing order, then the ended ones the region keeps, most recent first.</summary>
    public static ImmutableArray<ScheduledChange> ListSchedule(RegionState state) =>
        [.. state.Schedule.Values.OrderBy(c => c.At).ThenBy(c => c.ChangeId, StringComparer.Ordinal),
         .. state.ScheduleEnded.Values.OrderByDescending(c => c.EndedAt).ThenBy(c => c.ChangeId, StringComparer.Ordinal)];

    /// <summary>A scheduled change the region knows, pending or ended; null when it knows none by that id.</summary>
    public static ScheduledChange? FindScheduled(RegionState state, string changeId) =>
        state.Schedule.GetValueOrDefault(changeId) ?? state.ScheduleEnded.GetValueOrDefault(changeId);

    /// <summary>
    /// Fires <paramref name="change"/> on <paramref name="state"/> as the system: its status change, then its pool totals,
    /// each decided by the immediate change's rules on the state the ones before it left (a pool keeps its policy), and
    /// then the record that it fired. All or nothing: the first refusal drops the others and is journaled as the failure.
    /// </summary>
    private (RegionState Next, List<RegionChange> Changes) Fire(RegionState state, ScheduledChange change, ChangeContext context)
    {
        var next = state;
        var changes = new List<RegionChange>();
        string? refusal = null;
        if (change.Status is { } target)
        {
            var decided = ChangeStatus(next, target, change.Reason, context);
            refusal = Take(decided, c => ((StatusChanged)c) with { ScheduledBy = change.ScheduledBy });
        }

        foreach (var (resource, total) in change.Capacity ?? ImmutableSortedDictionary<string, long>.Empty)
        {
            if (refusal is not null)
            {
                break;
            }

            var decided = SetCapacity(next, resource, total, context, policy: next.Capacity.GetValueOrDefault(resource)?.Policy);
            refusal = Take(decided, c => ((CapacitySet)c) with { ScheduledBy = change.ScheduledBy });
        }

        if (refusal is not null)
        {
            (next, changes) = (state, []);
        }

        var finished = new ScheduledChangeFinished(next.Version + 1, context.Now, context.Actor, change.ChangeId, change.ScheduledBy, refusal);
        changes.Add(finished);
        return (Apply(next, finished), changes);

        // The decided change (if any) stamped with its scheduler and applied; the refusal's detail when it was refused.
        string? Take(RegionDecision decided, Func<RegionChange, RegionChange> stamp)
        {
            if (decided.Outcome != RegionOutcome.Ok)
            {
                return decided.Detail ?? decided.Outcome.ToString();
            }

            foreach (var made in decided.Changes ?? [])
            {
                var stamped = stamp(made);
                next = Apply(next, stamped);
                changes.Add(stamped);
            }

            return null;
        }
    }

    /// <summary>The state with the pending change <paramref name="changeId"/> ended as <paramref name="ended"/>, kept within the configured memory.</summary>
    private RegionState EndScheduled(RegionState state, string changeId, Func<ScheduledChange, ScheduledChange> ended)
    {
        var change = ended(state.Schedule[changeId]);
        var kept = state.ScheduleEnded.SetItem(changeId, change);
        while (kept.Count > options.EndedScheduleMemory)
        {
            var oldest = kept.Values.MinBy(c => (c.EndedAt, c.ChangeId), EndedOrder.Instance)!;
            kept = kept.Remove(oldest.ChangeId);
        }

        return state with { Schedule = state.Schedule.Remove(changeId), ScheduleEnded = kept };
    }

    /// <summary>Ended changes, oldest first; ties by id, ordinal, so that replay drops the same one.</summary>
    private sealed class EndedOrder : IComparer<(DateTimeOffset? EndedAt, string ChangeId)>
    {
        public static EndedOrder Instance { get; } = new();

        public int Compare((DateTimeOffset? EndedAt, string ChangeId) x, (DateTimeOffset? EndedAt, string ChangeId) y) =>
            x.EndedAt != y.EndedAt ? Nullable.Compare(x.EndedAt, y.EndedAt) : string.CompareOrdinal(x.ChangeId, y.ChangeId);
    }
}
