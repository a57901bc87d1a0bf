using System.Diagnostics;
using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>
/// Decides whether one region's history is linearizable against <see cref="RegionModel"/>: the search of Wing and
/// Gong as improved by Lowe and used by Porcupine. Operations sit in a list of call and return events in time order;
/// the search repeatedly places ("lifts") an operation whose call is before every pending return, if the model
/// accepts its answer, and backtracks when it meets a return whose operation is still unplaced. Every (set of placed
/// operations, model state) reached is remembered, so no configuration is explored twice. An operation of unknown
/// outcome has its return at infinity: it may take effect anywhere after its call; once only such operations remain
/// the history is explained (they take effect after everything else, which is the same as never). Where a later
/// definite operation proves it can change nothing after some instant (<see cref="UnknownHorizon"/>), its return is
/// there instead, and reaching that return with the operation unplaced means it never took effect: it is set aside
/// without changing the state; where one proves it cannot have taken effect before some instant, its call is there
/// (<see cref="UnknownHorizon.EarliestEffects"/>).
/// <para>
/// Two steps need no alternative, which keeps histories with many long, overlapping operations (a partition makes
/// them) within the budget. An operation with a definite answer that changes no state in any state (a read, a
/// refusal, a replayed reservation) and that the model accepts where the search stands can be placed there: any
/// linearization that places it later is still one with it moved here, since it leaves every state as it was and
/// no operation still unplaced completed before it was called. And setting an unknown operation aside is the only
/// move left when the scan reaches its return. So when such a step's configuration fails, the configuration before
/// it fails too: the search backtracks past it instead of trying the other calls there. Versions only grow, so a
/// step to a version past one an unplaced operation answered is refused at once rather than where that operation is
/// reached.
/// </para>
/// </summary>
public static class LinearizabilityChecker
{
    /// <summary>The default bound on model steps for one region; beyond it the verdict is <see cref="Verdict.Unknown"/>.</summary>
    public const long DefaultStepBudget = 40_000_000;

    /// <summary>
    /// A client that gets no answer sends the same reservation or release again (same client, kind, id and amount).
    /// Attempts of unknown outcome of one such operation are one operation to the search, the first of them: at most
    /// one attempt can change the region, since the model answers every later one as a replay or a refusal, and the
    /// first attempt's window (its call until its horizon, <see cref="UnknownHorizon"/>) holds the part of every later
    /// one's in which it could still change anything. So the verdict stays the same, and the search no longer tries
    /// each resend in each place: a region with six operations each sent three times into a paused silo took more than
    /// 40,000,000 steps without this.
    /// </summary>
    internal static HistoryOp[] WithoutUnknownResends(HistoryOp[] ops)
    {
        var first = new Dictionary<(string Client, OpKind Kind, string Id, long? Amount), HistoryOp>();
        foreach (var op in ops)
        {
            if (op is { Outcome: Outcome.Unknown, Kind: OpKind.Reserve or OpKind.Release, ReservationId: { } id }
                && (!first.TryGetValue((op.Client, op.Kind, id, op.Amount), out var earlier) || op.Invoke < earlier.Invoke))
            {
                first[(op.Client, op.Kind, id, op.Amount)] = op;
            }
        }

        return ops
            .Where(op => op is not { Outcome: Outcome.Unknown, Kind: OpKind.Reserve or OpKind.Release, ReservationId: { } id }
                || ReferenceEquals(first[(op.Client, op.Kind, id, op.Amount)], op))
            .ToArray();
    }

    public static RegionCheckResult Check(RegionStart start, IEnumerable<HistoryOp> history, long stepBudget = DefaultStepBudget)
    {
        var watch = Stopwatch.StartNew();

        // A read of unknown outcome carries no information and changes nothing.
        var ops = WithoutUnknownResends(history.Where(o => o.IsWrite || o.Outcome != Outcome.Unknown).ToArray());
        var returns = UnknownHorizon.Of(ops);
        BuildList(ops, UnknownHorizon.EarliestEffects(ops, returns), returns, out var head);
        var required = ops.Count(o => o.Outcome != Outcome.Unknown);
        var state = ModelState.Initial(start.Total, start.Reserved, start.Status, start.Version);
        var placed = new Bits(ops.Length);
        var seen = new HashSet<CacheKey>();
        var stack = new Stack<(Entry Call, ModelState Before, bool Forced)>();
        var ceilings = new SortedSet<(long Limit, int Op)>();
        for (var i = 0; i < ops.Length; i++)
        {
            if (VersionCeiling(ops[i]) is { } limit)
            {
                ceilings.Add((limit, i));
            }
        }

        var steps = 0L;
        var best = (Depth: -1, Order: Array.Empty<HistoryOp>(), State: state, Blocked: (Entry?)null);

        var entry = head.Next;
        while (required > 0)
        {
            if (entry is null)
            {
                // Only returns of unknown operations are left past this point: nothing more can be placed here.
                if (!Backtrack())
                {
                    return Violation();
                }

                continue;
            }

            if (entry.IsCall)
            {
                if (++steps > stepBudget)
                {
                    return Result(Verdict.Unknown);
                }

                var op = ops[entry.Op];
                if (RegionModel.Step(state, op, out var next) && WithinCeilings(entry.Op, next))
                {
                    var forced = NeverChangesState(op);
                    placed.Set(entry.Op);
                    if (seen.Add(new CacheKey(placed.Copy(), next)))
                    {
                        stack.Push((entry, state, forced));
                        state = next;
                        if (op.Outcome != Outcome.Unknown)
                        {
                            required--;
                        }

                        Lift(entry);
                        entry = head.Next;
                        continue;
                    }

                    placed.Clear(entry.Op);
                    Restore(entry.Op);
                    if (forced)
                    {
                        // Placing it here was explored already and failed, so this configuration fails as well.
                        if (!Backtrack())
                        {
                            return Violation();
                        }

                        continue;
                    }
                }

                entry = entry.Next;
            }
            else if (ops[entry.Op].Outcome == Outcome.Unknown)
            {
                // Past its horizon an unknown operation can change nothing: it never took effect. Set it aside as placed.
                placed.Set(entry.Op);
                if (seen.Add(new CacheKey(placed.Copy(), state)))
                {
                    var call = entry.Match!;
                    stack.Push((call, state, true));
                    Lift(call);
                    entry = head.Next;
                    continue;
                }

                placed.Clear(entry.Op);
                if (!Backtrack())
                {
                    return Violation();
                }
            }
            else
            {
                // The return of an operation not placed yet: everything before it has been tried in this configuration.
                if (stack.Count > best.Depth)
                {
                    best = (stack.Count, stack.Select(s => ops[s.Call.Op]).Reverse().ToArray(), state, entry);
                }

                if (!Backtrack())
                {
                    return Violation();
                }
            }
        }

        return Result(Verdict.Ok);

        bool Backtrack()
        {
            while (stack.Count > 0)
            {
                var (call, before, forced) = stack.Pop();
                state = before;
                placed.Clear(call.Op);
                if (ops[call.Op].Outcome != Outcome.Unknown)
                {
                    required++;
                }

                Unlift(call);
                Restore(call.Op);
                if (!forced)
                {
                    entry = call.Next;
                    return true;
                }
            }

            return false;
        }

        // Versions only grow, so a state past the version an unplaced operation answered (or was answered after) can
        // never lead to placing it: the configuration fails now rather than at that operation. Placing the operation
        // takes its own ceiling away; Restore puts it back when the placement is undone.
        bool WithinCeilings(int op, ModelState next)
        {
            if (VersionCeiling(ops[op]) is { } own)
            {
                ceilings.Remove((own, op));
            }

            if (ceilings.Count == 0 || next.Version <= ceilings.Min.Limit)
            {
                return true;
            }

            Restore(op);
            return false;
        }

        void Restore(int op)
        {
            if (VersionCeiling(ops[op]) is { } own)
            {
                ceilings.Add((own, op));
            }
        }

        RegionCheckResult Violation()
        {
            var stuck = new List<string>();
            if (best.Blocked is { } blocked)
            {
                // The calls still in the list up to the blocking return: what could have come next, and what the model says.
                var candidates = new List<HistoryOp>();
                var placedIds = best.Order.Select(o => o.Id).ToHashSet();
                foreach (var op in ops.Where(o => !placedIds.Contains(o.Id) && o.Invoke <= (ops[blocked.Op].Complete ?? long.MaxValue)).OrderBy(o => o.Invoke).Take(12))
                {
                    candidates.Add(op);
                }

                stuck.Add($"{ops[blocked.Op]}   (model answers: {RegionModel.Expected(best.State, ops[blocked.Op])})  <- completed before it could be placed");
                stuck.AddRange(candidates.Where(c => c.Id != ops[blocked.Op].Id).Select(c => $"{c}   (model answers: {RegionModel.Expected(best.State, c)})"));
            }

            return Result(Verdict.Violation) with { Linearized = best.Order, Stuck = stuck, StateAtStuck = best.State.ToString() };
        }

        RegionCheckResult Result(Verdict verdict) => new(start.Region, verdict, ops.Length, steps, watch.Elapsed, [], [], null);
    }

    /// <summary>
    /// Whether <paramref name="op"/>'s recorded answer leaves the state as it was in every state the model accepts it
    /// in: a read, a refusal, a reservation answered as a replay. (An accepted capacity change to the current total
    /// changes nothing where it is accepted, but would elsewhere, so it is not one.)
    /// </summary>
    private static bool NeverChangesState(HistoryOp op) =>
        op.Outcome == Outcome.Fail
        || (op.Outcome == Outcome.Ok && (op.Kind is OpKind.ReadRegion or OpKind.ReadReservation || (op.Kind == OpKind.Reserve && op.Created == false)));

    /// <summary>
    /// The highest version a region can have when <paramref name="op"/> is yet to be placed: a read's, a capacity
    /// change's answer (the same version when the total was already that), one before a status change's answer.
    /// </summary>
    private static long? VersionCeiling(HistoryOp op) =>
        op.Outcome != Outcome.Ok || op.Version is not { } version ? null
        : op.Kind switch
        {
            OpKind.ReadRegion or OpKind.SetCapacity => version,
            OpKind.SetStatus => version - 1,
            _ => null,
        };

    private static void BuildList(HistoryOp[] ops, long[] calls, long[] returns, out Entry head)
    {
        var events = new List<Entry>(ops.Length * 2);
        for (var i = 0; i < ops.Length; i++)
        {
            var call = new Entry(i, IsCall: true, calls[i]);
            var ret = new Entry(i, IsCall: false, returns[i]);
            call.Match = ret;
            ret.Match = call;
            events.Add(call);
            events.Add(ret);
        }

        // Calls before returns at the same instant: operations that touch in time count as concurrent.
        events.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.IsCall == b.IsCall ? a.Op.CompareTo(b.Op) : a.IsCall ? -1 : 1);
        head = new Entry(-1, IsCall: false, long.MinValue);
        var previous = head;
        foreach (var e in events)
        {
            previous.Next = e;
            e.Previous = previous;
            previous = e;
        }
    }

    private static void Lift(Entry call)
    {
        call.Previous!.Next = call.Next;
        if (call.Next is not null)
        {
            call.Next.Previous = call.Previous;
        }

        var ret = call.Match!;
        ret.Previous!.Next = ret.Next;
        if (ret.Next is not null)
        {
            ret.Next.Previous = ret.Previous;
        }
    }

    private static void Unlift(Entry call)
    {
        var ret = call.Match!;
        ret.Previous!.Next = ret;
        if (ret.Next is not null)
        {
            ret.Next.Previous = ret;
        }

        call.Previous!.Next = call;
        if (call.Next is not null)
        {
            call.Next.Previous = call;
        }
    }

    private sealed record Entry(int Op, bool IsCall, long Time)
    {
        public Entry? Match { get; set; }

        public Entry? Previous { get; set; }

        public Entry? Next { get; set; }
    }

    private readonly record struct CacheKey(Bits Placed, ModelState State)
    {
        public bool Equals(CacheKey other) => State.Equals(other.State) && Placed.Equals(other.Placed);

        public override int GetHashCode() => HashCode.Combine(Placed.Hash, State.Hash);
    }
}
