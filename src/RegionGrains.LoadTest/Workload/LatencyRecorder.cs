using System.Diagnostics;
using HdrHistogram;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// Thread-safe latency recording into an HdrHistogram, in microseconds from 1 µs to 1 hour at 3 significant
/// digits. Interval snapshots feed live progress; <see cref="Summarize"/> covers everything recorded.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestMicroseconds = 3_600_000_000;

    private readonly HdrHistogram.Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1).WithValuesUpTo(HighestMicroseconds).WithPrecisionOf(3)
        .WithThreadSafeWrites().WithThreadSafeReads().Create();

    private readonly Lock _lock = new();
    private readonly HistogramBase _total = NewHistogram();
    private HistogramBase? _lastInterval;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(TimeSpan latency) =>
        _recorder.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds));

    /// <summary>Moves what was recorded since the last call into the total and returns it.</summary>
    public HistogramBase TakeInterval()
    {
        lock (_lock)
        {
            // The recorder only takes back histograms it handed out itself, so the first interval is a fresh one.
            _lastInterval = _lastInterval is null ? _recorder.GetIntervalHistogram() : _recorder.GetIntervalHistogram(_lastInterval);
            _total.Add(_lastInterval);
            return _lastInterval;
        }
    }

    /// <summary>Adds a histogram recorded elsewhere (an agent's) to the total, as if its values had been recorded here.</summary>
    public void Add(HistogramBase histogram)
    {
        lock (_lock)
        {
            _total.Add(histogram);
        }
    }

    /// <summary>Everything recorded so far, as one histogram (a copy).</summary>
    public HistogramBase Total()
    {
        lock (_lock)
        {
            TakeInterval();
            return _total.Copy();
        }
    }

    /// <summary>Everything recorded so far (call <see cref="TakeInterval"/> first to include the latest values).</summary>
    public LatencySummary Summarize()
    {
        lock (_lock)
        {
            TakeInterval();
            return LatencySummary.From(_total);
        }
    }

    /// <summary>Everything recorded so far as HdrHistogram's percentile distribution, 5 steps per halving of the distance to 100 %.</summary>
    public IReadOnlyList<PercentilePoint> Distribution()
    {
        lock (_lock)
        {
            TakeInterval();
            return DistributionOf(_total);
        }
    }

    public static IReadOnlyList<PercentilePoint> DistributionOf(HistogramBase histogram) => histogram.TotalCount == 0
        ? []
        : [.. histogram.Percentiles(5).Select(v => new PercentilePoint(Math.Round(v.PercentileLevelIteratedTo, 6), Math.Round(v.ValueIteratedTo / 1000.0, 3)))];

    /// <summary>An empty histogram of the recorder's range and precision, to add intervals into.</summary>
    public static HistogramBase NewHistogram() =>
        HistogramFactory.With64BitBucketSize().WithValuesFrom(1).WithValuesUpTo(HighestMicroseconds).WithPrecisionOf(3).Create();
}
