using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>Hand-written histories for the checker's own tests: one region, operations with explicit call and return times.</summary>
public sealed class HistoryBuilder(long total, string status = "Online", long version = 10)
{
    public const string Region = "r";
    private readonly List<HistoryOp> _ops = [];

    public RegionStart Start { get; } = new(Region, version, status, total, 0);

    public IReadOnlyList<HistoryOp> Ops => _ops;

    public HistoryBuilder Reserve(string client, long from, long? to, string id, long amount, bool created = true, string? refused = null) =>
        Add(Op(client, from, to, OpKind.Reserve, refused) with { ReservationId = id, Amount = amount, Created = refused is null && to is not null ? created : null });

    public HistoryBuilder Release(string client, long from, long? to, string id, string? refused = null) =>
        Add(Op(client, from, to, OpKind.Release, refused) with { ReservationId = id });

    public HistoryBuilder SetTotal(string client, long from, long? to, long total, long? version = null, string? refused = null) =>
        Add(Op(client, from, to, OpKind.SetCapacity, refused) with { Total = total, Version = version });

    public HistoryBuilder SetStatus(string client, long from, long? to, string target, long? version = null, string? refused = null) =>
        Add(Op(client, from, to, OpKind.SetStatus, refused) with { Target = target, Version = version });

    public HistoryBuilder Read(string client, long from, long to, long version, long reserved, long? total = null, string? status = null) =>
        Add(Op(client, from, to, OpKind.ReadRegion, null) with { Version = version, ReadReserved = reserved, ReadTotal = total ?? Start.Total, Status = status ?? Start.Status });

    public HistoryBuilder ReadReservation(string client, long from, long to, string id, string state, long? amount = null) =>
        Add(Op(client, from, to, OpKind.ReadReservation, null) with { ReservationId = id, ReservationState = state, Amount = amount });

    public RegionCheckResult Check(long budget = LinearizabilityChecker.DefaultStepBudget) => LinearizabilityChecker.Check(Start, _ops, budget);

    public IReadOnlyList<string> WeakFindings() => WeakChecks.Check(_ops);

    private HistoryBuilder Add(HistoryOp op)
    {
        _ops.Add(op);
        return this;
    }

    private HistoryOp Op(string client, long from, long? to, OpKind kind, string? refused) =>
        new()
        {
            Id = _ops.Count,
            Client = client,
            Region = Region,
            Kind = kind,
            Invoke = from,
            Complete = to,
            Outcome = to is null ? Outcome.Unknown : refused is null ? Outcome.Ok : Outcome.Fail,
            Problem = refused,
        };
}
