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
/// without changing the state, a step the search can undo like any other.
/// </summary>
public static class LinearizabilityChecker
{
    /// <summary>The default bound on model steps for one region; beyond it the verdict is <see cref="Verdict.Unknown"/>.</summary>
    public const long DefaultStepBudget = 40_000_000;

    public static RegionCheckResult Check(RegionStart start, IEnumerable<HistoryOp> history, long stepBudget = DefaultStepBudget)
    {
        var watch = Stopwatch.StartNew();

        // A read of unknown outcome carries no information and changes nothing.
        var ops = history.Where(o => o.IsWrite || o.Outcome != Outcome.Unknown).ToArray();
        BuildList(ops, UnknownHorizon.Of(ops), out var head);
        var required = ops.Count(o => o.Outcome != Outcome.Unknown);
        var state = ModelState.Initial(start.Total, start.Reserved, start.Status, start.Version);
        var placed = new Bits(ops.Length);
        var seen = new HashSet<CacheKey>();
        var stack = new Stack<(Entry Call, ModelState Before)>();
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
                if (RegionModel.Step(state, op, out var next))
                {
                    placed.Set(entry.Op);
                    if (seen.Add(new CacheKey(placed.Copy(), next)))
                    {
                        stack.Push((entry, state));
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
                    stack.Push((call, state));
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
            if (stack.Count == 0)
            {
                return false;
            }

            var (call, before) = stack.Pop();
            state = before;
            placed.Clear(call.Op);
            if (ops[call.Op].Outcome != Outcome.Unknown)
            {
                required++;
            }

            Unlift(call);
            entry = call.Next;
            return true;
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

    private static void BuildList(HistoryOp[] ops, long[] returns, out Entry head)
    {
        var events = new List<Entry>(ops.Length * 2);
        for (var i = 0; i < ops.Length; i++)
        {
            var call = new Entry(i, IsCall: true, ops[i].Invoke);
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
