using System.Collections.Immutable;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Consumers;

/// <summary>
/// A consumer as its journal holds it: its claims, the change in flight with its decision once made, and the
/// operations that took effect (for idempotent replays), at most <see cref="DoneMemory"/> of them.
/// </summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.ConsumerState")]
public sealed record ConsumerState
{
    /// <summary>How many operations that took effect are remembered for replays.</summary>
    public const int DoneMemory = 1_000;

    public static ConsumerState Empty { get; } = new();

    /// <summary>Steps journaled; the journal stream's head.</summary>
    [Id(0)] public long Head { get; init; }

    /// <summary>One more per change that took effect.</summary>
    [Id(1)] public long Version { get; init; }

    [Id(2)] public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Allocations { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>>.Empty;

    [Id(3)] public ConsumerTx? InFlight { get; init; }

    /// <summary>The decision on <see cref="InFlight"/>, once made.</summary>
    [Id(4)] public ConsumerResult? Decision { get; init; }

    /// <summary>Operations that took effect, by key, with the transaction that carried them out.</summary>
    [Id(5)] public ImmutableDictionary<string, ConsumerTx> Done { get; init; } = ImmutableDictionary<string, ConsumerTx>.Empty;

    [Id(6)] public ImmutableQueue<string> DoneOrder { get; init; } = [];

    public ConsumerState Apply(ConsumerStep step)
    {
        var next = this with { Head = Head + 1 };
        if (step.Began is { } tx)
        {
            return next with { InFlight = tx, Decision = null };
        }

        if (step.Decided is { } decision)
        {
            next = next with { Decision = decision };
            if (!decision.Succeeded || InFlight is null)
            {
                return next;
            }

            var done = Done.SetItem(InFlight.OperationKey, InFlight);
            var order = DoneOrder.Enqueue(InFlight.OperationKey);
            while (done.Count > DoneMemory)
            {
                order = order.Dequeue(out var oldest);
                done = done.Remove(oldest);
            }

            return next with { Version = decision.Version, Allocations = InFlight.Allocations, Done = done, DoneOrder = order };
        }

        return step.Ended == InFlight?.TxId ? next with { InFlight = null, Decision = null } : next;
    }

    /// <summary>The answer for an operation that took effect before, replayed under the same key.</summary>
    public ConsumerResult Replay() => new(RegionOutcome.Replayed, Version, Allocations);
}
