using System.Collections.Immutable;
using System.Globalization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// The domain rules of one region as pure functions from the current state to a decision.
/// The grain persists the decided state; keeping the rules free of I/O makes every rule testable on its own.
/// </summary>
internal sealed class RegionRules(RegionGrainOptions options)
{
    public RegionDecision Define(RegionState state, RegionDefinition definition, long? expectedVersion, DateTimeOffset now)
    {
        if (ValidateDefinition(definition) is { } problem)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, problem);
        }

        if (expectedVersion is { } expected && expected != state.Version)
        {
            return RegionDecision.Refuse(
                RegionOutcome.VersionMismatch,
                $"The region is at version {state.Version}, not {expected}.");
        }

        if (state.Definition == definition)
        {
            return new RegionDecision(RegionOutcome.Ok);
        }

        var created = !state.IsDefined;
        var next = Apply(
            state with { Definition = definition, Status = created ? RegionStatus.Planned : state.Status },
            now,
            RegionEventKind.Defined,
            created ? $"Defined as {definition.DisplayName} ({definition.CountryCode})" : $"Definition changed to {definition.DisplayName} ({definition.CountryCode})");
        return new RegionDecision(created ? RegionOutcome.Created : RegionOutcome.Ok, next);
    }

    public RegionDecision Seed(RegionState state, RegionDefinition definition, RegionStatus status, IReadOnlyDictionary<string, long> capacity, DateTimeOffset now)
    {
        if (state.IsDefined)
        {
            return new RegionDecision(RegionOutcome.Ok);
        }

        if (ValidateDefinition(definition) is { } problem)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, problem);
        }

        foreach (var (resource, total) in capacity)
        {
            if (!RegionNames.IsValidResource(resource) || !RegionValidation.IsValidTotal(total))
            {
                return RegionDecision.Refuse(RegionOutcome.Invalid, $"Catalog capacity '{resource}' = {total} is not valid.");
            }
        }

        var pools = capacity.ToImmutableSortedDictionary(p => p.Key, p => new CapacityPool(p.Value, 0), StringComparer.Ordinal);
        var next = Apply(
            state with { Definition = definition, Status = status, Capacity = pools },
            now,
            RegionEventKind.Defined,
            $"Seeded from the catalog as {definition.DisplayName} ({definition.CountryCode}), {status}",
            "catalog seed");
        return new RegionDecision(RegionOutcome.Created, next);
    }

    public RegionDecision ChangeStatus(RegionState state, RegionStatus target, string? reason, DateTimeOffset now)
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
            return RegionDecision.Refuse(RegionOutcome.Invalid, RegionValidation.ReasonMessage);
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

        if (target == RegionStatus.Decommissioned && !state.Reservations.IsEmpty)
        {
            return new RegionDecision(
                RegionOutcome.ReservationsHeld,
                Detail: $"The region still holds {state.Reservations.Count} reservation(s); release them before decommissioning.",
                AllowedTargets: RegionLifecycle.AllowedTargets(state.Status));
        }

        var next = Apply(state with { Status = target }, now, RegionEventKind.StatusChanged, $"{state.Status} -> {target}", reason);
        return new RegionDecision(RegionOutcome.Ok, next);
    }

    public RegionDecision SetCapacity(RegionState state, string resource, long total, DateTimeOffset now)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (!RegionNames.IsValidResource(resource))
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, $"Resource names match {RegionNames.ResourceRegex}.");
        }

        if (!RegionValidation.IsValidTotal(total))
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, RegionValidation.TotalMessage);
        }

        var pool = state.Capacity.GetValueOrDefault(resource) ?? new CapacityPool(0, 0);
        if (total < pool.Reserved)
        {
            return RegionDecision.Refuse(
                RegionOutcome.BelowReserved,
                $"{resource} has {pool.Reserved} reserved; its total cannot go below that (asked {total}).");
        }

        if (state.Capacity.ContainsKey(resource) && pool.Total == total)
        {
            return new RegionDecision(RegionOutcome.Ok);
        }

        var next = Apply(
            state with { Capacity = state.Capacity.SetItem(resource, pool with { Total = total }) },
            now,
            RegionEventKind.CapacitySet,
            $"{resource} total {pool.Total} -> {total}");
        return new RegionDecision(RegionOutcome.Ok, next);
    }

    public RegionDecision Reserve(RegionState state, ReservationRequest request, DateTimeOffset now)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (ValidateReservation(request) is { } problem)
        {
            return RegionDecision.Refuse(RegionOutcome.Invalid, problem);
        }

        if (state.Reservations.TryGetValue(request.ReservationId, out var existing))
        {
            return existing.Matches(request)
                ? new RegionDecision(RegionOutcome.Replayed, Reservation: existing)
                : RegionDecision.Refuse(
                    RegionOutcome.ReservationIdReused,
                    $"Reservation id '{request.ReservationId}' is already used for {existing.Amount} {existing.Resource}.");
        }

        if (state.FinishedReservationIds.Contains(request.ReservationId))
        {
            return RegionDecision.Refuse(
                RegionOutcome.ReservationIdReused,
                $"Reservation id '{request.ReservationId}' was used before and has been released or has expired.");
        }

        if (!RegionLifecycle.AcceptsReservations(state.Status))
        {
            return RegionDecision.Refuse(
                RegionOutcome.NotAccepting,
                $"A region in {state.Status} does not accept reservations (only Launching, Online and Degraded do).");
        }

        if (!state.Capacity.TryGetValue(request.Resource, out var pool))
        {
            return RegionDecision.Refuse(RegionOutcome.InsufficientCapacity, $"The region has no '{request.Resource}' pool.");
        }

        if (request.Amount > pool.Available)
        {
            return RegionDecision.Refuse(
                RegionOutcome.InsufficientCapacity,
                $"{request.Resource} has {pool.Available} available; {request.Amount} requested.");
        }

        var reservation = new Reservation(
            request.ReservationId,
            request.Resource,
            request.Amount,
            request.TtlSeconds,
            now,
            request.TtlSeconds is { } ttl ? now.AddSeconds(ttl) : null);
        var next = Apply(
            state with
            {
                Capacity = state.Capacity.SetItem(request.Resource, pool with { Reserved = pool.Reserved + request.Amount }),
                Reservations = state.Reservations.Add(request.ReservationId, reservation),
            },
            now,
            RegionEventKind.Reserved,
            $"{request.ReservationId}: {request.Amount} {request.Resource}" +
                (request.TtlSeconds is { } t ? string.Create(CultureInfo.InvariantCulture, $" for {t}s") : string.Empty));
        return new RegionDecision(RegionOutcome.Created, next, Reservation: reservation);
    }

    public RegionDecision Release(RegionState state, string reservationId, DateTimeOffset now)
    {
        if (!state.IsDefined)
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, "The region does not exist.");
        }

        if (!state.Reservations.TryGetValue(reservationId, out var reservation))
        {
            return RegionDecision.Refuse(RegionOutcome.NotFound, $"No reservation '{reservationId}' is held.");
        }

        var next = Apply(Remove(state, reservation), now, RegionEventKind.Released, $"{reservationId}: {reservation.Amount} {reservation.Resource}");
        return new RegionDecision(RegionOutcome.Ok, next);
    }

    /// <summary>Drops every reservation whose lifetime has passed; null when none has.</summary>
    public RegionState? Expire(RegionState state, DateTimeOffset now)
    {
        RegionState? next = null;
        foreach (var reservation in state.Reservations.Values.Where(r => r.ExpiresAt <= now).OrderBy(r => r.ExpiresAt))
        {
            next = Apply(
                Remove(next ?? state, reservation),
                now,
                RegionEventKind.Expired,
                $"{reservation.ReservationId}: {reservation.Amount} {reservation.Resource} after {reservation.TtlSeconds}s");
        }

        return next;
    }

    public static DateTimeOffset? NextExpiry(RegionState state) =>
        state.Reservations.Values.Min(r => r.ExpiresAt);

    private RegionState Remove(RegionState state, Reservation reservation)
    {
        var pool = state.Capacity[reservation.Resource];
        var finished = state.FinishedReservationIds.Add(reservation.ReservationId);
        if (finished.Count > options.FinishedReservationMemory)
        {
            finished = finished.RemoveRange(0, finished.Count - options.FinishedReservationMemory);
        }

        return state with
        {
            Capacity = state.Capacity.SetItem(reservation.Resource, pool with { Reserved = pool.Reserved - reservation.Amount }),
            Reservations = state.Reservations.Remove(reservation.ReservationId),
            FinishedReservationIds = finished,
        };
    }

    private RegionState Apply(RegionState state, DateTimeOffset now, RegionEventKind kind, string detail, string? reason = null)
    {
        var version = state.Version + 1;
        var history = state.History.Add(new RegionEvent(version, now, kind, detail, reason));
        if (history.Count > options.HistoryLimit)
        {
            history = history.RemoveRange(0, history.Count - options.HistoryLimit);
        }

        return state with { Version = version, UpdatedAt = now, History = history };
    }

    private static string? ValidateDefinition(RegionDefinition definition) => definition switch
    {
        _ when !RegionValidation.IsValidDisplayName(definition.DisplayName) => RegionValidation.DisplayNameMessage,
        _ when !RegionNames.IsValidCountryCode(definition.CountryCode) => "countryCode must be an ISO 3166-1 alpha-2 code such as BR.",
        _ when !Enum.IsDefined(definition.Geography) => "geography is not one of the known geographies.",
        _ when !RegionValidation.IsValidLatitude(definition.Latitude) => "latitude must be between -90 and 90.",
        _ when !RegionValidation.IsValidLongitude(definition.Longitude) => "longitude must be between -180 and 180.",
        _ => null,
    };

    private static string? ValidateReservation(ReservationRequest request) => request switch
    {
        _ when !RegionNames.IsValidReservationId(request.ReservationId) => $"reservationId must match {RegionNames.ReservationIdRegex}.",
        _ when !RegionNames.IsValidResource(request.Resource) => $"resource must match {RegionNames.ResourceRegex}.",
        _ when !RegionValidation.IsValidAmount(request.Amount) => RegionValidation.AmountMessage,
        _ when !RegionValidation.IsValidTtl(request.TtlSeconds) => RegionValidation.TtlMessage,
        _ => null,
    };
}
