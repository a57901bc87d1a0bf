using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>
/// How late an operation of unknown outcome can still change a region. In the model a reservation id that is held or
/// ended never becomes new again: a reserve with it is then a replay or refused, a release of an ended id is refused,
/// and neither changes anything. So an unknown reserve of id r that a definite operation later shows held or ended
/// (an acknowledged reserve or release of r, a read of r answering Active or Released), or an unknown release of r
/// that one shows ended, took effect before that operation completed or never: its return goes there instead of to
/// infinity. The verdict stays the same, and the search does not carry such operations to the end of the history,
/// which is what made histories with dozens of timeouts per region undecidable within its budget.
/// </summary>
public static class UnknownHorizon
{
    /// <summary>The instant after which each of <paramref name="ops"/> can change nothing: its return, long.MaxValue if none is known.</summary>
    public static long[] Of(IReadOnlyList<HistoryOp> ops)
    {
        var horizons = new long[ops.Count];
        var definite = ops
            .Select((op, i) => (op, i))
            .Where(x => x.op.ReservationId is not null && x.op.Outcome == Outcome.Ok)
            .GroupBy(x => x.op.ReservationId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.op).ToList(), StringComparer.Ordinal);
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            horizons[i] = op.Outcome != Outcome.Unknown
                ? op.Complete!.Value
                : op.ReservationId is { } id && definite.TryGetValue(id, out var later)
                    ? Bound(op, later)
                    : long.MaxValue;
        }

        return horizons;
    }

    /// <summary>
    /// The instant before which each of <paramref name="ops"/> cannot have taken effect: its call, or later for an
    /// unknown reserve of an id that a definite operation called afterwards found not held (a reserve refused for
    /// capacity or status, a release refused as not found, a read answering NotFound). Had the reserve, or any retry
    /// of it, taken effect before that operation, the id would have been held there, since nothing released it: this
    /// applies only to ids with no release of unknown or successful outcome. Such a reserve then takes effect after
    /// the last of those operations' calls, or never: the audit's read of every id at the end places most of these
    /// after the rest of the history, instead of letting them take effect anywhere in it.
    /// </summary>
    public static long[] EarliestEffects(IReadOnlyList<HistoryOp> ops, long[] horizons)
    {
        var earliest = ops.Select(o => o.Invoke).ToArray();
        var absent = ops
            .Where(o => o.ReservationId is not null && ShowsNotHeld(o))
            .GroupBy(o => o.ReservationId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(o => o.Invoke), StringComparer.Ordinal);
        var mayHaveEnded = ops
            .Where(o => o.Kind == OpKind.Release && o.Outcome != Outcome.Fail)
            .Select(o => o.ReservationId!)
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            if (op is { Kind: OpKind.Reserve, Outcome: Outcome.Unknown } && horizons[i] == long.MaxValue
                && !mayHaveEnded.Contains(op.ReservationId!) && absent.TryGetValue(op.ReservationId!, out var seenAbsent))
            {
                earliest[i] = Math.Max(op.Invoke, seenAbsent);
            }
        }

        return earliest;
    }

    private static bool ShowsNotHeld(HistoryOp op) =>
        op switch
        {
            { Kind: OpKind.Reserve, Outcome: Outcome.Fail, Problem: "insufficient-capacity" or "not-accepting-reservations" } => true,
            { Kind: OpKind.Release, Outcome: Outcome.Fail, Problem: "reservation-not-found" } => true,
            { Kind: OpKind.ReadReservation, Outcome: Outcome.Ok, ReservationState: "NotFound" } => true,
            _ => false,
        };

    private static long Bound(HistoryOp unknown, List<HistoryOp> definite)
    {
        var bound = long.MaxValue;
        foreach (var shown in definite.Where(y => Settles(unknown, y)))
        {
            // A definite operation that completed before the unknown one was even called settles it from its call on.
            bound = Math.Min(bound, Math.Max(shown.Complete!.Value, unknown.Invoke));
        }

        return bound;
    }

    /// <summary>Whether the acknowledged <paramref name="shown"/> proves that <paramref name="unknown"/> changes nothing after it.</summary>
    private static bool Settles(HistoryOp unknown, HistoryOp shown)
    {
        var ended = shown.Kind == OpKind.Release || (shown.Kind == OpKind.ReadReservation && shown.ReservationState == "Released");
        var held = shown.Kind == OpKind.Reserve || (shown.Kind == OpKind.ReadReservation && shown.ReservationState == "Active");
        return unknown.Kind switch
        {
            OpKind.Reserve => held || ended,
            OpKind.Release => ended,
            _ => false,
        };
    }
}
