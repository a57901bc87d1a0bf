using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// Changing a reservation in place: new amounts and a new end. Growing is checked over the interval the reservation
/// will hold, leaving its own current hold out; shrinking and shortening only give capacity back, so they always fit.
/// </summary>
internal sealed partial class RegionRules
{
    public RegionDecision ChangeReservation(RegionState state, ReservationPatch patch, ChangeContext context, long? expectedVersion = null)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        var id = patch.ReservationId;
        if (state.Waiting.ContainsKey(id))
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, $"'{id}' is waiting for capacity and cannot change; cancel it (DELETE) and ask again.");
        }

        if (!state.Reservations.TryGetValue(id, out var current) && !state.Scheduled.TryGetValue(id, out current))
        {
            return RegionDecision.Refuse(
                RegionOutcome.NotFound,
                state.Ended.TryGetValue(id, out var ended)
                    ? $"Reservation '{id}' has ended ({ended.State}); an ended reservation cannot change."
                    : $"No reservation '{id}' is held or scheduled.");
        }

        if (id.StartsWith(TentativeChange.ClaimPrefix, StringComparison.Ordinal))
        {
            return RegionDecision.Refuse(
                RegionOutcome.HeldByClaim,
                $"'{id}' is {current.Consumer}'s claim here; it changes through PUT /api/consumers/{current.Consumer}/allocations.");
        }

        if (state.Tentative.ContainsKey(id))
        {
            return RegionDecision.Refuse(RegionOutcome.ChangeInProgress, $"Reservation '{id}' is being changed by a change across regions that is not decided yet.");
        }

        var now = context.Now;
        var holds = current.Holds;
        var amounts = patch.Resources;
        if (patch.Amount is { } amount)
        {
            if (amounts is not null || holds.Count != 1)
            {
                return RegionDecision.Refuse(
                    RegionOutcome.Invalid,
                    $"amount changes a reservation of one resource; this one holds {ReservationRequest.Describe(holds)}, so give resources instead.");
            }

            amounts = ReservationRequest.OneResource(current.Resource, amount);
        }

        if (amounts is not null)
        {
            foreach (var (resource, newAmount) in amounts)
            {
                if (!holds.ContainsKey(resource))
                {
                    return RegionDecision.Refuse(
                        RegionOutcome.Invalid,
                        $"The reservation holds {ReservationRequest.Describe(holds)}; a change may set the amounts of those, not add '{resource}'.");
                }

                if (!RegionValidation.IsValidAmount(newAmount))
                {
                    return RegionDecision.Refuse(RegionOutcome.Invalid, ValidationMessages.Amount);
                }

                if (state.Capacity.TryGetValue(resource, out var pool) && pool.Rules.UnitProblem(resource, newAmount) is { } unitProblem)
                {
                    return RegionDecision.Refuse(RegionOutcome.UnitRule, unitProblem);
                }
            }

            holds = holds.SetItems(amounts);
        }

        var from = current.HoldsFrom > now ? current.HoldsFrom : now;
        var end = patch.ChangesEnd ? patch.EndsAt : current.ExpiresAt;
        if (patch.ChangesEnd && end is { } newEnd)
        {
            if (newEnd <= from)
            {
                return RegionDecision.Refuse(
                    RegionOutcome.Invalid,
                    current.State == ReservationState.Scheduled
                        ? ValidationMessages.EndsAtAfterReservationStart
                        : ValidationMessages.EndsAtInFuture);
            }

            if (newEnd - now > RegionValidation.MaxHorizon)
            {
                return RegionDecision.Refuse(RegionOutcome.Invalid, ValidationMessages.EndsAtHorizon);
            }
        }

        if (Stale(state, expectedVersion) is { } stale)
        {
            return stale;
        }

        if (ReservationRequest.SameHolds(holds, current.Holds) && end == current.ExpiresAt)
        {
            return new RegionDecision(RegionOutcome.Ok, Reservation: current);
        }

        // Only growth can break the timeline: more of a resource, or holding it longer.
        var longer = end is null ? current.ExpiresAt is not null : current.ExpiresAt is { } oldEnd && end > oldEnd;
        var grows = longer || holds.Any(p => p.Value > current.Holds[p.Key]);
        if (grows)
        {
            var shortfalls = Shortfalls(state, holds, now, from, end, excluding: id);
            if (shortfalls.Length > 0)
            {
                return new RegionDecision(
                    RegionOutcome.InsufficientCapacity,
                    Detail: DescribeShortfalls(state, shortfalls, now, "asked for"),
                    Shortfalls: shortfalls);
            }
        }

        var (first, firstAmount) = holds.First();
        var changed = current with
        {
            Resource = first,
            Amount = firstAmount,
            Resources = holds.Count > 1 ? holds : null,
            ExpiresAt = end,
            TtlSeconds = end == current.ExpiresAt ? current.TtlSeconds : null,
        };
        return Decide(RegionOutcome.Ok, state, new ReservationChanged(state.Version + 1, now, context.Actor, changed)) with { Reservation = changed };
    }
}
