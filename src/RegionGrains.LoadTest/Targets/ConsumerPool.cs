using System.Collections.Immutable;
using System.Globalization;

namespace RegionGrains.LoadTest.Targets;

/// <summary>
/// The consumers a run owns (<c>lt-{run}-c{n}</c>, so that runs against a long-lived cluster never share one) and, for
/// each, what its claims were answered: the checks after the run compare each consumer's allocations with them.
/// </summary>
public sealed class ConsumerPool
{
    private readonly ConsumerLedger[] _ledgers;
    private readonly string _runTag;
    private long _claimSequence;

    public ConsumerPool(string runTag, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _runTag = runTag;
        Names = [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"lt-{runTag}-c{i}"))];
        _ledgers = [.. Names.Select(name => new ConsumerLedger(name))];
    }

    public ImmutableArray<string> Names { get; }

    public int Count => Names.Length;

    /// <summary>The ledger of consumer <paramref name="index"/>.</summary>
    public ConsumerLedger this[int index] => _ledgers[index];

    /// <summary>The consumers that were sent at least one claim.</summary>
    public IEnumerable<ConsumerLedger> Claimed => _ledgers.Where(l => l.Attempts > 0);

    /// <summary>A new claim id unique to the run.</summary>
    public string NextClaimId() => string.Create(CultureInfo.InvariantCulture, $"{_runTag}-k{Interlocked.Increment(ref _claimSequence)}");
}

/// <summary>
/// What one consumer's claims were answered: the allocations of the claim acknowledged at the highest consumer
/// version, and those of claims whose answer was lost to a fault (which may or may not have taken effect).
/// Claims of one consumer are decided one at a time by its grain, and each one that takes effect raises its version,
/// so the highest version acknowledged is the last claim acknowledged.
/// </summary>
public sealed class ConsumerLedger(string name)
{
    private readonly Lock _lock = new();
    private readonly List<Allocations> _unsure = [];
    private int _attempts;

    public string Name { get; } = name;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The consumer version of <see cref="Acknowledged"/>; -1 before any claim was acknowledged.</summary>
    public long AcknowledgedVersion { get; private set; } = -1;

    /// <summary>The allocations of the last acknowledged claim; null before any.</summary>
    public Allocations? Acknowledged { get; private set; }

    /// <summary>Allocations of claims whose answer never came (faults), in the order they were sent.</summary>
    public IReadOnlyList<Allocations> Unsure
    {
        get
        {
            lock (_lock)
            {
                return [.. _unsure];
            }
        }
    }

    public void Attempt() => Interlocked.Increment(ref _attempts);

    public void Acknowledge(long version, Allocations allocations)
    {
        lock (_lock)
        {
            if (version >= AcknowledgedVersion)
            {
                AcknowledgedVersion = version;
                Acknowledged = allocations;
            }
        }
    }

    public void MarkUnsure(Allocations allocations)
    {
        lock (_lock)
        {
            _unsure.Add(allocations);
        }
    }
}
