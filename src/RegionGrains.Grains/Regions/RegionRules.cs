using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// The domain rules of one region as pure functions: a command on the current state decides on changes, and
/// <see cref="Apply"/> evolves a state by one change. The grain journals the decided changes and replays them
/// through the same <see cref="Apply"/> on activation, so a decided state and a replayed one cannot differ.
/// </summary>
internal sealed partial class RegionRules(RegionGrainOptions options)
{
    public RegionDecision Define(RegionState state, RegionDefinition definition, long? expectedVersion, ChangeContext context)
    {
        if (ValidateDefinition(definition) is { } problem)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, problem);
        }

        if (Stale(state, expectedVersion) is { } stale)
        {
            return stale;
        }

        if (state.Definition == definition)
        {
            return new RegionDecision(RegionOutcome.Ok);
        }

        // A site's kind is what it is: a data center's pools and reservations have no meaning at a service center,
        // and a service center turned data center would inherit a history that is not a data center's. A site of
        // another kind is defined under its own id (and the old one decommissioned if it closes).
        if (state.Definition is { } current && current.Kind != definition.Kind)
        {
            return RegionDecision.Refuse(
                RegionOutcome.KindChangeRefused,
                $"The region is a {current.Kind}; a region's kind is fixed when it is first defined, so it cannot become a {definition.Kind}. Define the {definition.Kind} under a new id.");
        }

        var created = !state.IsDefined;
        return Decide(
            created ? RegionOutcome.Created : RegionOutcome.Ok,
            state,
            new RegionDefined(state.Version + 1, context.Now, context.Actor, definition, created ? RegionStatus.Planned : null));
    }

    public RegionDecision Seed(RegionState state, RegionDefinition definition, RegionStatus status, IReadOnlyDictionary<string, long> capacity, ChangeContext context)
    {
        if (state.IsDefined)
        {
            return new RegionDecision(RegionOutcome.Ok);
        }

        if (ValidateDefinition(definition) is { } problem)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, problem);
        }

        if (definition.Kind != SiteKind.DataCenter && capacity.Count > 0)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, $"Catalog entry '{definition.DisplayName}' is a {definition.Kind}, which has no capacity pools.");
        }

        foreach (var (resource, total) in capacity)
        {
            if (!RegionNames.IsValidResource(resource) || !RegionValidation.IsValidTotal(total))
            {
                return RegionDecision.Refuse(RegionOutcome.Invalid, $"Catalog capacity '{resource}' = {total} is not valid.");
            }
        }

        return Decide(
            RegionOutcome.Created,
            state,
            new RegionDefined(state.Version + 1, context.Now, context.Actor, definition, status, capacity.ToImmutableSortedDictionary(StringComparer.Ordinal)));
    }

    public RegionDecision ChangeStatus(RegionState state, RegionStatus target, string? reason, ChangeContext context, long? expectedVersion = null)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (!Enum.IsDefined(target))
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, $"'{target}' is not a status.");
        }

        if (!RegionValidation.IsValidReason(reason))
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, ValidationMessages.Reason);
        }

        if (Stale(state, expectedVersion) is { } stale)
        {
            return stale;
        }

        if (!RegionLifecycle.CanMove(state.Status, target))
        {
            var allowed = RegionLifecycle.AllowedTargets(state.Status);
            return new RegionDecision(
                RegionOutcome.InvalidTransition,
                Detail: $"A region in {state.Status} cannot move to {target}." +
                    (allowed.Count == 0 ? " It is terminal." : $" Allowed: {string.Join(", ", allowed)}."),
                AllowedTargets: allowed);
        }

        if (target == RegionStatus.Decommissioned && (!state.Reservations.IsEmpty || !state.Tentative.IsEmpty))
        {
            return new RegionDecision(
                RegionOutcome.ReservationsHeld,
                Detail: $"The region still holds {state.Reservations.Count} reservation(s); release them before decommissioning.",
                AllowedTargets: RegionLifecycle.AllowedTargets(state.Status));
        }

        return Decide(RegionOutcome.Ok, state, new StatusChanged(state.Version + 1, context.Now, context.Actor, state.Status, target, reason!));
    }

    public RegionDecision SetCapacity(RegionState state, string resource, long total, ChangeContext context, long? expectedVersion = null, PoolPolicy? policy = null)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (!RegionNames.IsValidResource(resource))
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, ValidationMessages.Resource);
        }

        if (!RegionValidation.IsValidTotal(total))
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, ValidationMessages.Total);
        }

        // One representation of "no policy": a pool that states the defaults stores none.
        policy = policy is null || policy.IsDefault ? null : policy;
        if (policy is not null && RegionValidation.PolicyProblems(total, policy).FirstOrDefault() is { Message: { } policyProblem })
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, policyProblem);
        }

        // Already so: answered as done whatever the expected version, so that a conditional request sent again after
        // a lost answer does not fail on the version its own first attempt made (RFC 9110 §13.1.1 allows this).
        if (state.Capacity.TryGetValue(resource, out var existing) && existing.Total == total && existing.Policy == policy)
        {
            return new RegionDecision(RegionOutcome.Ok);
        }

        if (Stale(state, expectedVersion) is { } stale)
        {
            return stale;
        }

        if (NotADataCenter(state) is { } refused)
        {
            return refused;
        }

        var pool = existing ?? new CapacityPool(0, 0);
        var next = pool with { Total = total, Policy = policy };
        var fit = PoolTimeline.Check(state, resource, context.Now, context.Now, null, 0, next.Usable);
        if (fit.At is { } at)
        {
            var peak = next.Usable - fit.Available;
            var when = at <= context.Now ? string.Empty : $" from {at.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'} (booked ahead)";
            return new RegionDecision(
                RegionOutcome.BelowReserved,
                Detail: next.Policy is null
                    ? $"{resource} has {peak} reserved{when}; its total cannot go below that (asked {total})."
                    : $"{resource} has {peak} reserved{when}; the total and policy asked for leave only {next.Usable} usable.",
                At: at > context.Now ? at : null);
        }

        return Decide(RegionOutcome.Ok, state, new CapacitySet(state.Version + 1, context.Now, context.Actor, resource, pool.Total, total, policy));
    }

    public RegionDecision Reserve(RegionState state, ReservationRequest request, ChangeContext context, long? expectedVersion = null)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (ValidateReservation(request) is { } problem)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, problem);
        }

        if (state.Waiting.TryGetValue(request.ReservationId, out var waiter))
        {
            return waiter.Reservation.Matches(request)
                ? new RegionDecision(RegionOutcome.Queued, Reservation: waiter.Reservation)
                : Stale(state, expectedVersion) ?? RegionDecision.Refuse(
                    RegionOutcome.ReservationIdReused,
                    $"Reservation id '{request.ReservationId}' is already waiting for {ReservationRequest.Describe(waiter.Reservation.Holds)}.");
        }

        if (state.Reservations.TryGetValue(request.ReservationId, out var existing) || state.Scheduled.TryGetValue(request.ReservationId, out existing))
        {
            // A replay is answered whatever the expected version: the reservation is what was asked for.
            return existing.Matches(request)
                ? new RegionDecision(RegionOutcome.Replayed, Reservation: existing)
                : Stale(state, expectedVersion) ?? RegionDecision.Refuse(
                    RegionOutcome.ReservationIdReused,
                    $"Reservation id '{request.ReservationId}' is already used for {ReservationRequest.Describe(existing.Holds)}.");
        }

        if (Stale(state, expectedVersion) is { } stale)
        {
            return stale;
        }

        if (NotADataCenter(state) is { } refused)
        {
            return refused;
        }

        if (state.FinishedReservationIdSet.Contains(request.ReservationId))
        {
            return RegionDecision.Refuse(
                RegionOutcome.ReservationIdReused,
                $"Reservation id '{request.ReservationId}' was used before and has been released or has expired.");
        }

        if (state.Tentative.ContainsKey(request.ReservationId))
        {
            return RegionDecision.Refuse(
                RegionOutcome.ChangeInProgress,
                $"Reservation id '{request.ReservationId}' is being set by a change across regions that is not decided yet.");
        }

        if (!RegionLifecycle.AcceptsReservations(state.Status))
        {
            return RegionDecision.Refuse(
                RegionOutcome.NotAccepting,
                $"A region in {state.Status} does not accept reservations (only Launching, Online and Degraded do).");
        }

        if (RegionValidation.IntervalProblem(context.Now, request.StartsAt, request.EndsAt, request.TtlSeconds) is { Message: var intervalProblem })
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, intervalProblem);
        }

        // All or nothing: every resource is checked before anything is held, and the refusal names each one short.
        var now = context.Now;
        var scheduled = request.StartsAt > now;
        var from = scheduled ? request.StartsAt!.Value : now;
        var end = request.EndsAt ?? (request.TtlSeconds is { } ttl ? from.AddSeconds(ttl) : null);
        var holds = request.Holds;
        foreach (var (resource, amount) in holds)
        {
            if (state.Capacity.TryGetValue(resource, out var pool) && pool.Rules.UnitProblem(resource, amount) is { } unitProblem)
            {
                return RegionDecision.Refuse(RegionOutcome.UnitRule, unitProblem);
            }
        }

        var shortfalls = Shortfalls(state, holds, now, from, end);
        if (shortfalls.Length > 0 && request.WaitSeconds is { } wait && shortfalls.All(s => state.Capacity.ContainsKey(s.Resource)))
        {
            if (state.Waiting.Count < options.MaxWaiting)
            {
                // The end of a lifetime counts from when the request is granted, so only an explicit end is kept now.
                var waiting = new Reservation(
                    request.ReservationId, request.Resource, request.Amount, request.TtlSeconds, now, request.EndsAt,
                    request.Resources, request.Consumer, request.Project, request.StartsAt, ReservationState.Waiting, WaitUntil: now.AddSeconds(wait));
                return Decide(RegionOutcome.Queued, state, new ReservationQueued(state.Version + 1, now, context.Actor, waiting)) with { Reservation = waiting, Shortfalls = shortfalls };
            }

            return new RegionDecision(
                RegionOutcome.InsufficientCapacity,
                Detail: $"{DescribeShortfalls(state, shortfalls, now, "requested")} The waitlist is full ({state.Waiting.Count} waiting).",
                Shortfalls: shortfalls);
        }

        if (shortfalls.Length > 0)
        {
            return new RegionDecision(
                RegionOutcome.InsufficientCapacity,
                Detail: DescribeShortfalls(state, shortfalls, now, "requested"),
                Shortfalls: shortfalls);
        }

        var reservation = new Reservation(
            request.ReservationId,
            request.Resource,
            request.Amount,
            request.TtlSeconds,
            now,
            end,
            request.Resources,
            request.Consumer,
            request.Project,
            request.StartsAt,
            scheduled ? ReservationState.Scheduled : ReservationState.Active);
        return Decide(RegionOutcome.Created, state, new ReservationMade(state.Version + 1, now, context.Actor, reservation)) with { Reservation = reservation };
    }

    /// <summary>
    /// The resources of <paramref name="holds"/> that do not fit the region at some instant of [<paramref name="from"/>,
    /// <paramref name="to"/>) (no end: from then on), in the order asked, leaving out the hold of
    /// <paramref name="excluding"/>.
    /// </summary>
    public static ImmutableArray<Shortfall> Shortfalls(
        RegionState state, IReadOnlyDictionary<string, long> holds, DateTimeOffset now, DateTimeOffset from, DateTimeOffset? to, string? excluding = null)
    {
        var shortfalls = ImmutableArray.CreateBuilder<Shortfall>();
        foreach (var (resource, amount) in holds)
        {
            if (!state.Capacity.TryGetValue(resource, out var pool))
            {
                shortfalls.Add(new Shortfall(resource, amount, 0));
                continue;
            }

            var fit = PoolTimeline.Check(state, resource, now, from, to, amount, pool.Usable, excluding);
            if (!fit.Fits)
            {
                // "At once" needs no instant: one is given only when the amount fits at first and stops fitting later.
                shortfalls.Add(new Shortfall(resource, amount, Math.Max(0, fit.Available), fit.At > now ? fit.At : null));
            }
        }

        return shortfalls.ToImmutable();
    }

    private static string DescribeShortfalls(RegionState state, ImmutableArray<Shortfall> shortfalls, DateTimeOffset now, string asked) =>
        string.Join(" ", shortfalls.Select(s => !state.Capacity.ContainsKey(s.Resource)
            ? $"The region has no '{s.Resource}' pool."
            : s.At is { } at
                ? $"{s.Resource} has {s.Available} available over the interval (short from {at.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'}); {s.Requested} {asked}."
                : $"{s.Resource} has {s.Available} available; {s.Requested} {asked}."));

    /// <summary>Up to <paramref name="query"/>'s limit of the held reservations matching it, sorted by id.</summary>
    public static ReservationPage ListReservations(RegionState state, ReservationQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, ReservationQuery.MaxLimit);
        var matching = state.Reservations.Values.Concat(state.Scheduled.Values).Concat(state.Ended.Values).Concat(state.Waiting.Values.Select(w => w.Reservation))
            .Where(r => query.Includes(r.State) &&
                (query.After is null || string.CompareOrdinal(r.ReservationId, query.After) > 0) &&
                (query.Resource is null || r.Holds.ContainsKey(query.Resource)) &&
                (query.Consumer is null || r.Consumer == query.Consumer))
            .OrderBy(r => r.ReservationId, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        return new ReservationPage([.. matching.Take(limit)], matching.Count > limit);
    }

    public RegionDecision Release(RegionState state, string reservationId, ChangeContext context, long? expectedVersion = null)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (!state.Reservations.TryGetValue(reservationId, out var reservation) && !state.Scheduled.TryGetValue(reservationId, out reservation))
        {
            if (state.Waiting.TryGetValue(reservationId, out var waiter))
            {
                reservation = waiter.Reservation;
            }
            else
            {
                return RegionDecision.Refuse(RegionOutcome.NotFound, $"No reservation '{reservationId}' is held, scheduled or waiting.");
            }
        }

        if (Stale(state, expectedVersion) is { } stale)
        {
            return stale;
        }

        if (reservationId.StartsWith(TentativeChange.ClaimPrefix, StringComparison.Ordinal))
        {
            return RegionDecision.Refuse(
                RegionOutcome.HeldByClaim,
                $"'{reservationId}' is {reservation.Consumer}'s claim here; it changes through PUT /api/consumers/{reservation.Consumer}/allocations.");
        }

        if (state.Tentative.ContainsKey(reservationId))
        {
            return RegionDecision.Refuse(
                RegionOutcome.ChangeInProgress,
                $"Reservation '{reservationId}' is being changed by a change across regions that is not decided yet.");
        }

        return Decide(RegionOutcome.Ok, state, new ReservationEnded(state.Version + 1, context.Now, context.Actor, reservation, Expired: false));
    }

    /// <summary>
    /// The refusal of a command conditional on <paramref name="expectedVersion"/> (HTTP If-Match) that finds the region
    /// at another version; null when the command is unconditional or the version is the expected one.
    /// </summary>
    private static RegionDecision? Stale(RegionState state, long? expectedVersion) =>
        expectedVersion is { } expected && expected != state.Version
            ? RegionDecision.Refuse(RegionOutcome.VersionMismatch, $"The region is at version {state.Version}, not {expected}.")
            : null;

    /// <summary>
    /// Brings the region up to <paramref name="context"/>'s time: starts every scheduled reservation whose start has come,
    /// ends every one whose end has passed, lapses every wait that is over (one change each) and fires every scheduled
    /// change whose time has come, in the order they fell due (at one instant, ends before starts before scheduled
    /// changes, as the timeline counts them); null when nothing is due.
    /// </summary>
    public RegionDecision? Expire(RegionState state, ChangeContext context)
    {
        var now = context.Now;
        var due = new List<Due>();
        foreach (var held in state.Reservations.Values)
        {
            if (held.ExpiresAt <= now)
            {
                due.Add(new Due(held.ExpiresAt.Value, DueKind.End, held.ReservationId, held));
            }
        }

        foreach (var booked in state.Scheduled.Values)
        {
            if (booked.HoldsFrom <= now)
            {
                due.Add(new Due(booked.HoldsFrom, DueKind.Start, booked.ReservationId, booked));
                if (booked.ExpiresAt <= now)
                {
                    due.Add(new Due(booked.ExpiresAt.Value, DueKind.End, booked.ReservationId, booked with { State = ReservationState.Active }));
                }
            }
        }

        foreach (var waiter in state.Waiting.Values)
        {
            var lapsesAt = waiter.Reservation.ExpiresAt < waiter.Reservation.WaitUntil ? waiter.Reservation.ExpiresAt : waiter.Reservation.WaitUntil;
            if (lapsesAt <= now)
            {
                due.Add(new Due(lapsesAt.Value, DueKind.End, waiter.Reservation.ReservationId, waiter.Reservation));
            }
        }

        foreach (var scheduled in state.Schedule.Values)
        {
            if (scheduled.At <= now)
            {
                due.Add(new Due(scheduled.At, DueKind.ScheduledChange, scheduled.ChangeId, Change: scheduled));
            }
        }

        if (due.Count == 0)
        {
            return null;
        }

        due.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At)
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : string.CompareOrdinal(a.Id, b.Id));
        var next = state;
        var changes = new List<RegionChange>(due.Count);
        foreach (var item in due)
        {
            if (item.Change is { } scheduled)
            {
                (next, var fired) = Fire(next, scheduled, context);
                changes.AddRange(fired);
                continue;
            }

            var reservation = item.Reservation!;
            RegionChange change = item.Kind == DueKind.Start
                ? new ReservationStarted(next.Version + 1, now, context.Actor, reservation.ReservationId, ReservationRequest.Describe(reservation.Holds))
                : new ReservationEnded(next.Version + 1, now, context.Actor, reservation, Expired: true);
            next = Apply(next, change);
            changes.Add(change);
        }

        return new RegionDecision(RegionOutcome.Ok, next, changes);
    }

    /// <summary>What falls due at one instant, in the order it is applied then.</summary>
    private enum DueKind
    {
        End,
        Start,
        ScheduledChange,
    }

    private readonly record struct Due(DateTimeOffset At, DueKind Kind, string Id, Reservation? Reservation = null, ScheduledChange? Change = null);

    /// <summary>
    /// The next instant something falls due by itself (a reservation starts or ends, a wait lapses, a scheduled change
    /// fires); null when nothing will.
    /// </summary>
    public static DateTimeOffset? NextExpiry(RegionState state)
    {
        var next = state.Reservations.Values.Min(r => r.ExpiresAt);
        foreach (var booked in state.Scheduled.Values)
        {
            if (next is null || booked.HoldsFrom < next)
            {
                next = booked.HoldsFrom;
            }
        }

        foreach (var waiter in state.Waiting.Values)
        {
            var lapsesAt = waiter.Reservation.ExpiresAt < waiter.Reservation.WaitUntil ? waiter.Reservation.ExpiresAt : waiter.Reservation.WaitUntil;
            if (next is null || lapsesAt < next)
            {
                next = lapsesAt;
            }
        }

        foreach (var scheduled in state.Schedule.Values)
        {
            if (next is null || scheduled.At < next)
            {
                next = scheduled.At;
            }
        }

        return next;
    }

    /// <summary>The state after <paramref name="change"/>; the one place where a change's effect is written down.</summary>
    public RegionState Apply(RegionState state, RegionChange change)
    {
        if (change.Version != state.Version + 1)
        {
            throw new InvalidOperationException($"Change {change.Version} cannot follow version {state.Version}.");
        }

        var next = change switch
        {
            RegionDefined d => state with
            {
                Definition = d.Definition,
                Status = d.InitialStatus ?? state.Status,
                Capacity = d.SeedCapacity is { } seed
                    ? seed.ToImmutableSortedDictionary(p => p.Key, p => new CapacityPool(p.Value, 0), StringComparer.Ordinal)
                    : state.Capacity,
            },
            StatusChanged s => state with { Status = s.To },
            CapacitySet c => state with
            {
                Capacity = state.Capacity.SetItem(c.Resource, (state.Capacity.GetValueOrDefault(c.Resource) ?? new CapacityPool(0, 0)) with { Total = c.To, Policy = c.Policy }),
            },
            ReservationMade r when r.Reservation.State == ReservationState.Scheduled => state with { Scheduled = state.Scheduled.Add(r.Reservation.ReservationId, r.Reservation) },
            ReservationMade r => Hold(state, r.Reservation),
            ReservationStarted s => Hold(
                state with { Scheduled = state.Scheduled.Remove(s.ReservationId) },
                state.Scheduled[s.ReservationId] with { State = ReservationState.Active }),
            ReservationQueued q => state with
            {
                Waiting = state.Waiting.Add(q.Reservation.ReservationId, new Waiter(q.Version, q.Reservation)),
                WaitOrder = state.WaitOrder.Add(q.Version, q.Reservation.ReservationId),
            },
            WaiterGranted g => Granted(state, g.Reservation),
            ReservationChanged c when state.Scheduled.ContainsKey(c.Reservation.ReservationId) => state with { Scheduled = state.Scheduled.SetItem(c.Reservation.ReservationId, c.Reservation) },
            ReservationChanged c => Hold(Remove(state, state.Reservations[c.Reservation.ReservationId], remember: false), c.Reservation),
            ReservationEnded e => Remove(state, e.Reservation, ended: (e.EndState, EndedAt(e))),
            ChangePrepared p => Reserve(state, p.Hold.Extra, +1) with { Tentative = state.Tentative.SetItem(p.Hold.Change.ReservationId, p.Hold) },
            ChangeCompleted c => Complete(state, c),
            ChangeScheduled s => state with { Schedule = state.Schedule.Add(s.Change.ChangeId, s.Change) },
            ScheduledChangeCancelled c => EndScheduled(state, c.ChangeId, p => p with { State = ScheduledChangeState.Cancelled, EndedAt = c.Time, CancelledBy = c.Actor }),
            ScheduledChangeFinished f => EndScheduled(state, f.ChangeId, p => p with
            {
                State = f.Refusal is null ? ScheduledChangeState.Fired : ScheduledChangeState.Failed,
                EndedAt = f.Time,
                Detail = f.Refusal,
            }),
            ImportedEvent => state,
            _ => throw new InvalidOperationException($"Unknown region change {change.GetType().Name}."),
        };
        return next with { Version = change.Version, UpdatedAt = change.Time };
    }

    private RegionDecision Decide(RegionOutcome outcome, RegionState state, RegionChange change) =>
        new(outcome, Apply(state, change), [change]);

    private static RegionState Hold(RegionState state, Reservation reservation)
    {
        var capacity = state.Capacity;
        foreach (var (resource, amount) in reservation.Holds)
        {
            var pool = capacity[resource];
            capacity = capacity.SetItem(resource, pool with { Reserved = checked(pool.Reserved + amount) });
        }

        return WithUsage(state, reservation, +1) with
        {
            Capacity = capacity,
            Reservations = state.Reservations.Add(reservation.ReservationId, reservation),
        };
    }

    /// <summary>
    /// The state without <paramref name="reservation"/> (held or scheduled). Unless it is about to be held again
    /// (<paramref name="remember"/> false), its id is remembered as finished and the reservation is kept as it ended
    /// (<paramref name="ended"/>, or released now).
    /// </summary>
    private RegionState Remove(RegionState state, Reservation reservation, bool remember = true, (ReservationState State, DateTimeOffset At)? ended = null)
    {
        var id = reservation.ReservationId;
        var wasScheduled = state.Scheduled.ContainsKey(id);
        var waiter = state.Waiting.GetValueOrDefault(id);
        var capacity = state.Capacity;
        if (!wasScheduled && waiter is null)
        {
            foreach (var (resource, amount) in reservation.Holds)
            {
                var pool = capacity[resource];
                capacity = capacity.SetItem(resource, pool with { Reserved = pool.Reserved - amount });
            }
        }

        var next = waiter is not null ? WithoutWaiter(state, waiter)
            : wasScheduled ? state with { Scheduled = state.Scheduled.Remove(id) }
            : WithUsage(state, reservation, -1) with { Capacity = capacity, Reservations = state.Reservations.Remove(id) };
        if (!remember)
        {
            return next;
        }

        var finished = state.FinishedReservationIds.Enqueue(id);
        var finishedSet = state.FinishedReservationIdSet.Add(id);
        var endedReservations = state.Ended;
        while (finishedSet.Count > options.FinishedReservationMemory)
        {
            finished = finished.Dequeue(out var oldest);
            finishedSet = finishedSet.Remove(oldest);
            endedReservations = endedReservations.Remove(oldest);
        }

        var (endState, endedAt) = ended ?? (wasScheduled || waiter is not null ? ReservationState.Cancelled : ReservationState.Released, state.UpdatedAt);
        endedReservations = Keep(endedReservations, reservation with { State = endState, EndedAt = endedAt });
        return next with
        {
            FinishedReservationIds = finished,
            FinishedReservationIdSet = finishedSet,
            Ended = endedReservations,
        };
    }

    /// <summary>
    /// <paramref name="ended"/> with <paramref name="reservation"/> added, dropping the one that ended first (ties by id,
    /// so that replay drops the same one) beyond the configured memory.
    /// </summary>
    private ImmutableDictionary<string, Reservation> Keep(ImmutableDictionary<string, Reservation> ended, Reservation reservation)
    {
        var limit = Math.Min(options.EndedReservationMemory, options.FinishedReservationMemory);
        if (limit <= 0)
        {
            return ended;
        }

        ended = ended.SetItem(reservation.ReservationId, reservation);
        while (ended.Count > limit)
        {
            Reservation? oldest = null;
            foreach (var candidate in ended.Values)
            {
                if (oldest is null || candidate.EndedAt < oldest.EndedAt ||
                    (candidate.EndedAt == oldest.EndedAt && string.CompareOrdinal(candidate.ReservationId, oldest.ReservationId) < 0))
                {
                    oldest = candidate;
                }
            }

            ended = ended.Remove(oldest!.ReservationId);
        }

        return ended;
    }

    /// <summary>Adds (<paramref name="sign"/> +1) or takes away (-1) <paramref name="amounts"/> from the pools' reserved amounts.</summary>
    private static RegionState Reserve(RegionState state, IReadOnlyDictionary<string, long> amounts, int sign)
    {
        var capacity = state.Capacity;
        foreach (var (resource, amount) in amounts)
        {
            if (amount != 0)
            {
                var pool = capacity[resource];
                capacity = capacity.SetItem(resource, pool with { Reserved = checked(pool.Reserved + (sign * amount)) });
            }
        }

        return state with { Capacity = capacity };
    }

    /// <summary>The consumer's and project's usage sums with a reservation added (+1) or taken away (-1).</summary>
    private static RegionState WithUsage(RegionState state, Reservation reservation, int sign) => state with
    {
        ConsumerUsage = reservation.Consumer is { } consumer ? AddUsage(state.ConsumerUsage, consumer, reservation.Holds, sign) : state.ConsumerUsage,
        ProjectUsage = reservation.Project is { } project ? AddUsage(state.ProjectUsage, project, reservation.Holds, sign) : state.ProjectUsage,
    };

    private static ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> AddUsage(
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> usage, string key, IReadOnlyDictionary<string, long> holds, int sign)
    {
        var sums = usage.GetValueOrDefault(key) ?? ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal);
        foreach (var (resource, amount) in holds)
        {
            var sum = checked(sums.GetValueOrDefault(resource) + (sign * amount));
            sums = sum == 0 ? sums.Remove(resource) : sums.SetItem(resource, sum);
        }

        return sums.IsEmpty ? usage.Remove(key) : usage.SetItem(key, sums);
    }

    private static RegionDecision? NotADataCenter(RegionState state) =>
        state.Definition!.Kind == SiteKind.DataCenter
            ? null
            : RegionDecision.Refuse(
                RegionOutcome.NotADataCenter,
                $"The region is a {state.Definition.Kind}, not a data center: it has no capacity pools and takes no reservations.");

    private static string? ValidateDefinition(RegionDefinition definition) => definition switch
    {
        _ when !RegionValidation.IsValidDisplayName(definition.DisplayName) => ValidationMessages.DisplayName,
        _ when !RegionNames.IsValidCountryCode(definition.CountryCode) => ValidationMessages.CountryCode,
        _ when !Enum.IsDefined(definition.Geography) => ValidationMessages.Geography,
        _ when !RegionValidation.IsValidLatitude(definition.Latitude) => ValidationMessages.Latitude,
        _ when !RegionValidation.IsValidLongitude(definition.Longitude) => ValidationMessages.Longitude,
        _ when !Enum.IsDefined(definition.Kind) => ValidationMessages.Kind,
        _ => SiteRules.Problems(definition.Kind, definition.LanguageList, definition.SupportHours).Select(p => p.Message).FirstOrDefault(),
    };

    private static string? ValidateReservation(ReservationRequest request) => request switch
    {
        _ when !RegionNames.IsValidReservationId(request.ReservationId) => ValidationMessages.ReservationId,
        _ when request.ReservationId.StartsWith(TentativeChange.ClaimPrefix, StringComparison.Ordinal) => ValidationMessages.ClaimPrefix,
        { Resources: { } resources } when !RegionValidation.IsValidResources(resources) => ValidationMessages.Resources,
        { Resources: null } when !RegionNames.IsValidResource(request.Resource) => ValidationMessages.ResourceRequired,
        { Resources: null } when !RegionValidation.IsValidAmount(request.Amount) => ValidationMessages.Amount,
        _ when request.Consumer is not null && !RegionNames.IsValidConsumer(request.Consumer) => ValidationMessages.Consumer,
        _ when request.Project is not null && !RegionNames.IsValidConsumer(request.Project) => ValidationMessages.Project,
        _ when !RegionValidation.IsValidTtl(request.TtlSeconds) => ValidationMessages.Ttl,
        _ => null,
    };
}
