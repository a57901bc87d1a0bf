using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// The waitlist: a request that asked to wait and does not fit is queued, journaled, and granted first fit in arrival
/// order as soon as capacity frees up. Every change that can free capacity (an end, a release, a smaller or shorter
/// reservation, a larger total or looser policy, a status that accepts reservations again, an abandoned change across
/// regions) is followed, in the same journal append, by the grants it makes possible: the waiters are visited oldest
/// first and each one that fits now is granted, so a large request at the head does not hold back smaller ones behind
/// it. A request that fits on arrival is accepted at once, whoever waits. Grants are decided by the same timeline
/// check as any reservation, so none is ever granted beyond capacity.
/// </summary>
internal sealed partial class RegionRules
{
    /// <summary>
    /// <paramref name="decision"/> followed by the grants its changes make possible at <paramref name="now"/>; the decision
    /// itself when it changes nothing that frees capacity or nobody waits.
    /// </summary>
    public RegionDecision WithGrants(RegionDecision decision, DateTimeOffset now)
    {
        if (decision is not { Next: { Waiting.IsEmpty: false } next, Changes: { Count: > 0 } changes } || !changes.Any(FreesCapacity) ||
            !RegionLifecycle.AcceptsReservations(next.Status))
        {
            return decision;
        }

        List<RegionChange>? grants = null;
        foreach (var id in next.WaitOrder.Values)
        {
            var waiter = next.Waiting[id].Reservation;
            if (Grant(next, waiter, now) is { } granted)
            {
                var change = new WaiterGranted(next.Version + 1, now, RegionActor.System, granted);
                next = Apply(next, change);
                (grants ??= []).Add(change);
            }
        }

        return grants is null ? decision : decision with { Next = next, Changes = [.. changes, .. grants] };
    }

    /// <summary>The reservation <paramref name="waiter"/> becomes if it fits now; null while it does not (or its wait is over).</summary>
    private static Reservation? Grant(RegionState state, Reservation waiter, DateTimeOffset now)
    {
        if (waiter.WaitUntil <= now)
        {
            return null;
        }

        var scheduled = waiter.StartsAt > now;
        var from = scheduled ? waiter.StartsAt!.Value : now;
        var end = waiter.ExpiresAt ?? (waiter.TtlSeconds is { } ttl ? from.AddSeconds(ttl) : null);
        if (end <= from)
        {
            return null;
        }

        var holds = waiter.Holds;
        foreach (var (resource, amount) in holds)
        {
            if (!state.Capacity.TryGetValue(resource, out var pool) || pool.Rules.UnitProblem(resource, amount) is not null)
            {
                return null;
            }
        }

        return Shortfalls(state, holds, now, from, end).Length > 0
            ? null
            : waiter with
            {
                CreatedAt = now,
                ExpiresAt = end,
                State = scheduled ? ReservationState.Scheduled : ReservationState.Active,
                WaitUntil = null,
            };
    }

    private static bool FreesCapacity(RegionChange change) => change switch
    {
        ReservationEnded or ReservationChanged or CapacitySet or StatusChanged => true,
        ChangeCompleted completed => !completed.Committed || completed.Reservation is null,
        _ => false,
    };

    private static RegionState Granted(RegionState state, Reservation reservation)
    {
        var next = WithoutWaiter(state, state.Waiting[reservation.ReservationId]);
        return reservation.State == ReservationState.Scheduled
            ? next with { Scheduled = next.Scheduled.Add(reservation.ReservationId, reservation) }
            : Hold(next, reservation);
    }

    private static RegionState WithoutWaiter(RegionState state, Waiter waiter) => state with
    {
        Waiting = state.Waiting.Remove(waiter.Reservation.ReservationId),
        WaitOrder = state.WaitOrder.Remove(waiter.Place),
    };

    /// <summary>When the reservation of <paramref name="ended"/> ended: its end or the end of its wait when it ran out, else the change's time.</summary>
    private static DateTimeOffset EndedAt(ReservationEnded ended) => ended.EndState switch
    {
        ReservationState.Expired => ended.Reservation.ExpiresAt ?? ended.Time,
        ReservationState.Lapsed => (ended.Reservation.ExpiresAt < ended.Reservation.WaitUntil ? ended.Reservation.ExpiresAt : ended.Reservation.WaitUntil) ?? ended.Time,
        _ => ended.Time,
    };
}
