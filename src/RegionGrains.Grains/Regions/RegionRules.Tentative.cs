using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// A region's part in changes across regions (claims and moves): prepare holds the larger of the old and the new
/// amounts, so that whichever way the consumer decides, the pool is never over-allocated; complete applies the
/// decision. Both are idempotent, since a consumer repeats its decision until every region has it.
/// </summary>
internal sealed partial class RegionRules
{
    public RegionDecision Prepare(RegionState state, TentativeChange change, ChangeContext context)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (NotADataCenter(state) is { } refused)
        {
            return refused;
        }

        if (state.Tentative.TryGetValue(change.ReservationId, out var pending))
        {
            return pending.Change.TxId == change.TxId
                ? new RegionDecision(RegionOutcome.Replayed)
                : RegionDecision.Refuse(RegionOutcome.ChangeInProgress, $"'{change.ReservationId}' has another change pending ({pending.Change.TxId}).");
        }

        var old = state.Reservations.GetValueOrDefault(change.ReservationId);
        if (old is not null && old.Consumer != change.Consumer)
        {
            return RegionDecision.Refuse(RegionOutcome.ReservationIdReused, $"Reservation '{change.ReservationId}' here is not {change.Consumer}'s.");
        }

        if (old is null && change.Holds.IsEmpty)
        {
            // Nothing held and nothing to hold: committing would change nothing, so there is nothing to prepare.
            return new RegionDecision(RegionOutcome.Ok);
        }

        var oldHolds = old?.Holds ?? ImmutableSortedDictionary<string, long>.Empty;
        var extra = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var (resource, amount) in change.Holds)
        {
            if (state.Capacity.TryGetValue(resource, out var pool) && pool.Rules.UnitProblem(resource, amount) is { } unitProblem)
            {
                return RegionDecision.Refuse(RegionOutcome.UnitRule, unitProblem);
            }

            var more = amount - oldHolds.GetValueOrDefault(resource);
            if (more > 0)
            {
                extra[resource] = more;
            }
        }

        if (extra.Count > 0 && !RegionLifecycle.AcceptsReservations(state.Status))
        {
            return RegionDecision.Refuse(
                RegionOutcome.NotAccepting,
                $"A region in {state.Status} does not accept reservations (only Launching, Online and Degraded do).");
        }

        var shortfalls = Shortfalls(state, extra, context.Now, context.Now, null);
        if (shortfalls.Length > 0)
        {
            return new RegionDecision(
                RegionOutcome.InsufficientCapacity,
                Detail: string.Join(" ", shortfalls.Select(s => state.Capacity.ContainsKey(s.Resource)
                    ? $"{s.Resource} has {s.Available} available; {s.Requested} more requested."
                    : $"The region has no '{s.Resource}' pool.")),
                Shortfalls: shortfalls);
        }

        var hold = new TentativeHold(change, extra.ToImmutable(), context.Now.AddSeconds(change.LeaseSeconds));
        return Decide(RegionOutcome.Ok, state, new ChangePrepared(state.Version + 1, context.Now, context.Actor, hold));
    }

    public RegionDecision Complete(RegionState state, string txId, bool commit, ChangeContext context)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        // Unknown or already completed: the decision has been applied (or nothing was prepared), so it is done.
        var hold = state.Tentative.Values.FirstOrDefault(h => h.Change.TxId == txId);
        if (hold is null)
        {
            return new RegionDecision(RegionOutcome.Ok);
        }

        var change = hold.Change;
        var old = state.Reservations.GetValueOrDefault(change.ReservationId);
        var committed = !commit || change.Holds.IsEmpty
            ? null
            : new Reservation(
                change.ReservationId,
                change.Holds.First().Key,
                change.Holds.First().Value,
                change.TtlSeconds,
                old?.CreatedAt ?? context.Now,
                change.TtlSeconds is { } ttl ? context.Now.AddSeconds(ttl) : null,
                change.Holds.Count > 1 ? change.Holds : null,
                change.Consumer,
                change.Project);
        return Decide(RegionOutcome.Ok, state, new ChangeCompleted(state.Version + 1, context.Now, context.Actor, hold, commit, committed));
    }

    /// <summary>The prepared changes whose lease is up: the region asks their consumers for the decision.</summary>
    public static IEnumerable<TentativeHold> Lapsed(RegionState state, DateTimeOffset now) =>
        state.Tentative.Values.Where(h => h.LeaseUntil <= now);

    private RegionState Complete(RegionState state, ChangeCompleted completed)
    {
        var change = completed.Hold.Change;
        var next = Reserve(state, completed.Hold.Extra, -1) with { Tentative = state.Tentative.Remove(change.ReservationId) };
        if (!completed.Committed)
        {
            return next;
        }

        if (next.Reservations.GetValueOrDefault(change.ReservationId) is { } old)
        {
            next = Remove(next, old, remember: completed.Reservation is null, ended: (ReservationState.Released, completed.Time));
        }

        return completed.Reservation is { } reservation ? Hold(next, reservation) : next;
    }
}
