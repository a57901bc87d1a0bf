using HdrHistogram;

namespace RegionGrains.LoadTest.Workload;

/// <summary>What one side of a run (the scenario, or its baseline) accumulates across all of its rounds.</summary>
public sealed class PhaseStats(string name)
{
    private readonly Lock _lock = new();
    private readonly List<TimelinePoint> _timeline = [];
    private readonly List<RoundReport> _rounds = [];
    private readonly List<HistogramBase> _roundLatency = [];
    private long _operations;
    private long _ticks;

    public string Name { get; } = name;

    public LatencyRecorder Latency { get; } = new();

    /// <summary>
    /// Latency of each kind of operation of a mix, apart: a closed loop runs at (concurrency ÷ mean latency of the
    /// mix), so one slow kind (a durable write waiting for its fsync) sets the pace of the whole mix.
    /// </summary>
    public IReadOnlyList<LatencyRecorder> LatencyByKind { get; } = [.. Enum.GetValues<OperationKind>().Select(_ => new LatencyRecorder())];

    /// <summary>Faults: exceptions and transport failures, by kind.</summary>
    public ErrorTally Errors { get; } = new();

    /// <summary>Expected domain refusals (insufficient capacity, invalid transition), by outcome.</summary>
    public ErrorTally Refusals { get; } = new();

    public ProcessUsage Usage { get; private set; } = ProcessUsage.Zero;

    /// <summary>Completed operations, successful or not.</summary>
    public long Operations => Interlocked.Read(ref _operations);

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public double ThroughputPerSecond => Elapsed <= TimeSpan.Zero ? 0 : Operations / Elapsed.TotalSeconds;

    public void CountOperation() => Interlocked.Increment(ref _operations);

    /// <summary>Counts operations completed elsewhere (an agent's) as this side's.</summary>
    public void CountOperations(long operations) => Interlocked.Add(ref _operations, operations);

    /// <summary>The measured seconds of every round so far, rounds end to end (<see cref="TimelineSampler"/>).</summary>
    public IReadOnlyList<TimelinePoint> Timeline
    {
        get
        {
            lock (_lock)
            {
                return [.. _timeline];
            }
        }
    }

    /// <summary>Each round's throughput and latency, in the order they ran.</summary>
    public IReadOnlyList<RoundReport> Rounds
    {
        get
        {
            lock (_lock)
            {
                return [.. _rounds];
            }
        }
    }

    /// <summary>
    /// Each round's latency histogram, in the order they ran: what an agent sends, so that the coordinator's rounds
    /// have percentiles of every agent's values together rather than an average of the agents' percentiles.
    /// </summary>
    public IReadOnlyList<HistogramBase> RoundLatency
    {
        get
        {
            lock (_lock)
            {
                return [.. _roundLatency];
            }
        }
    }

    public void AddTimeline(IEnumerable<TimelinePoint> seconds, RoundReport round, HistogramBase roundLatency)
    {
        lock (_lock)
        {
            _timeline.AddRange(seconds);
            _rounds.Add(round);
            _roundLatency.Add(roundLatency);
        }
    }

    public void AddRound(TimeSpan elapsed, ProcessUsage usage)
    {
        Interlocked.Add(ref _ticks, elapsed.Ticks);
        Usage += usage;
    }
}
