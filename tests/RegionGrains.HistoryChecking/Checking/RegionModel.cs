using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>
/// What one region does, written from the contract (docs/api.md, DESIGN.md's lifecycle table) and not from the code
/// under test: given a state and an operation, the answer the region must give and the state after it.
/// </summary>
public static class RegionModel
{
    private static readonly HashSet<string> Accepting = ["Launching", "Online", "Degraded"];

    private static readonly Dictionary<string, string[]> Moves = new()
    {
        ["Planned"] = ["UnderConstruction", "Decommissioned"],
        ["UnderConstruction"] = ["Launching", "Decommissioned"],
        ["Launching"] = ["Online", "UnderConstruction"],
        ["Online"] = ["Degraded", "Maintenance", "Offline"],
        ["Degraded"] = ["Online", "Maintenance", "Offline"],
        ["Maintenance"] = ["Online", "Degraded", "Offline"],
        ["Offline"] = ["Online", "Maintenance", "Decommissioned"],
        ["Decommissioned"] = [],
    };

    /// <summary>
    /// Applies <paramref name="op"/> to <paramref name="state"/>: false when the answer recorded is not the one the
    /// model gives in that state. An operation of unknown outcome is always legal and has the model's effect.
    /// </summary>
    public static bool Step(ModelState state, HistoryOp op, out ModelState next)
    {
        var (answer, after) = Apply(state, op);
        next = after;
        return op.Outcome == Outcome.Unknown || Matches(answer, op);
    }

    /// <summary>The answer the model gives to <paramref name="op"/> in <paramref name="state"/>, for failure reports.</summary>
    public static string Expected(ModelState state, HistoryOp op) => Apply(state, op).Answer.ToString();

    private static (Answer Answer, ModelState After) Apply(ModelState state, HistoryOp op)
    {
        switch (op.Kind)
        {
            case OpKind.Reserve:
                var id = op.ReservationId!;
                var amount = op.Amount!.Value;
                if (state.Held.TryGetValue(id, out var held))
                {
                    return held == amount ? (Answer.Done(created: false), state) : (Answer.Refused("reservation-id-reused"), state);
                }

                if (state.Ended.Contains(id))
                {
                    return (Answer.Refused("reservation-id-reused"), state);
                }

                if (!Accepting.Contains(state.Status))
                {
                    return (Answer.Refused("not-accepting-reservations"), state);
                }

                return state.Reserved + amount > state.Total
                    ? (Answer.Refused("insufficient-capacity"), state)
                    : (Answer.Done(created: true), state.WithHeld(id, amount));
            case OpKind.Release:
                return state.Held.ContainsKey(op.ReservationId!)
                    ? (Answer.Done(), state.WithEnded(op.ReservationId!))
                    : (Answer.Refused("reservation-not-found"), state);
            case OpKind.SetCapacity:
                var total = op.Total!.Value;
                if (total == state.Total)
                {
                    return (Answer.Done(version: state.Version), state);
                }

                if (total < state.Reserved)
                {
                    return (Answer.Refused("below-reserved"), state);
                }

                var resized = state.WithTotal(total);
                return (Answer.Done(version: resized.Version), resized);
            case OpKind.SetStatus:
                if (!Moves[state.Status].Contains(op.Target!))
                {
                    return (Answer.Refused("invalid-transition"), state);
                }

                var moved = state.WithStatus(op.Target!);
                return (Answer.Done(version: moved.Version), moved);
            case OpKind.ReadRegion:
                return (Answer.Read(state), state);
            case OpKind.ReadReservation:
                var rid = op.ReservationId!;
                var found = state.Held.TryGetValue(rid, out var holding)
                    ? new Answer(true, ReservationState: "Active", Amount: holding)
                    : new Answer(true, ReservationState: state.Ended.Contains(rid) ? "Ended" : "NotFound");
                return (found, state);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "Not an operation of the model.");
        }
    }

    private static bool Matches(Answer answer, HistoryOp op)
    {
        if (op.Outcome == Outcome.Fail)
        {
            // A refusal the model also refuses; the reason must agree when the recorder knows it.
            return !answer.Ok && (op.Problem is null || answer.Problem is null || op.Problem == answer.Problem);
        }

        if (!answer.Ok)
        {
            return false;
        }

        return op.Kind switch
        {
            OpKind.Reserve => op.Created is null || op.Created == answer.Created,
            OpKind.SetCapacity or OpKind.SetStatus => op.Version is null || op.Version == answer.Version,
            OpKind.ReadRegion => op.Version == answer.Version && op.Status == answer.Status && op.ReadTotal == answer.Total && op.ReadReserved == answer.Reserved,
            // An ended reservation is kept whole only for a while (the newest 100 per region); then it reads as not found.
            OpKind.ReadReservation => answer.ReservationState == "Ended"
                ? op.ReservationState is "Released" or "NotFound"
                : op.ReservationState == answer.ReservationState && (answer.Amount is null || op.Amount == answer.Amount),
            _ => true,
        };
    }

    private sealed record Answer(
        bool Ok,
        string? Problem = null,
        bool? Created = null,
        long? Version = null,
        string? Status = null,
        long? Total = null,
        long? Reserved = null,
        string? ReservationState = null,
        long? Amount = null)
    {
        public static Answer Done(bool? created = null, long? version = null) => new(true, Created: created, Version: version);

        public static Answer Refused(string problem) => new(false, Problem: problem);

        public override string ToString() =>
            !Ok ? $"refused {Problem}"
            : ReservationState is not null ? $"{ReservationState}{(Amount is null ? string.Empty : $" amount={Amount}")}"
            : Status is not null ? $"v{Version} {Status} total={Total} reserved={Reserved}"
            : $"ok{(Created is null ? string.Empty : Created.Value ? " created" : " replayed")}{(Version is null ? string.Empty : $" v{Version}")}";

        public static Answer Read(ModelState state) => new(true, Version: state.Version, Status: state.Status, Total: state.Total, Reserved: state.Reserved);
    }
}
