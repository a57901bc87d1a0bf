using System.Diagnostics;
using HdrHistogram;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// Samples one phase once a second while it runs: operations and latency by kind (the kinds' interval histograms),
/// CPU and GC of the process. What completes after the last whole second (the calls still in flight when the phase
/// stops sending) counts in that second when it is under half a second, so that a round of N seconds gives N points.
/// </summary>
public static class TimelineSampler
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    /// <summary>Runs alongside <paramref name="running"/> and adds its seconds and its round to <paramref name="stats"/>.</summary>
    public static async Task<TimeSpan> SampleAsync(PhaseStats stats, Task<TimeSpan> running)
    {
        var offset = stats.Elapsed.TotalSeconds;
        var round = stats.Rounds.Count + 1;
        var roundLatency = LatencyRecorder.NewHistogram();
        var points = new List<TimelinePoint>();
        var start = Stopwatch.GetTimestamp();
        var last = (Time: start, Usage: Reading.Now());
        using (var timer = new PeriodicTimer(Tick))
        {
            while (await Task.WhenAny(running, timer.WaitForNextTickAsync().AsTask()) != running)
            {
                last = Add(points, stats, roundLatency, round, offset, start, last, merge: false);
            }
        }

        var elapsed = await running;
        var remainder = Stopwatch.GetElapsedTime(last.Time).TotalSeconds;
        Add(points, stats, roundLatency, round, offset, start, last, merge: points.Count > 0 && remainder < 0.5);
        var summary = LatencySummary.From(roundLatency);
        var operations = points.Sum(p => p.Operations);
        stats.AddTimeline(points, new RoundReport(
            round, Math.Round(elapsed.TotalSeconds, 3), operations, elapsed > TimeSpan.Zero ? Math.Round(operations / elapsed.TotalSeconds, 1) : 0, summary.P50, summary.P90, summary.P99), roundLatency);
        return elapsed;
    }

    private static (long Time, Reading Usage) Add(
        List<TimelinePoint> points, PhaseStats stats, HistogramBase roundLatency, int round, double offset, long start, (long Time, Reading Usage) last, bool merge)
    {
        var now = Stopwatch.GetTimestamp();
        var usage = Reading.Now();
        var seconds = Stopwatch.GetElapsedTime(last.Time, now).TotalSeconds;
        var byOperation = new Dictionary<string, IntervalLatency>();
        foreach (var kind in Enum.GetValues<OperationKind>())
        {
            var interval = stats.LatencyByKind[(int)kind].TakeInterval();
            if (interval.TotalCount == 0)
            {
                continue;
            }

            roundLatency.Add(interval);
            var s = LatencySummary.From(interval);
            byOperation[kind.ToString().ToLowerInvariant()] = new IntervalLatency(s.Count, Math.Round(s.Count / Math.Max(seconds, 1e-9), 1), s.P50, s.P90, s.P99, s.Max);
        }

        var point = new TimelinePoint(
            Math.Round(offset + Stopwatch.GetElapsedTime(start, now).TotalSeconds, 3),
            round,
            seconds,
            byOperation.Values.Sum(o => o.Count),
            byOperation,
            Math.Round((usage.Cpu - last.Usage.Cpu).TotalSeconds / Math.Max(seconds, 1e-9), 3),
            Math.Round((usage.MachineCpu - last.Usage.MachineCpu).TotalSeconds / Math.Max(seconds, 1e-9), 3),
            usage.Gen0 - last.Usage.Gen0,
            usage.Gen1 - last.Usage.Gen1,
            usage.Gen2 - last.Usage.Gen2,
            Math.Round((usage.GcPause - last.Usage.GcPause).TotalMilliseconds, 3),
            usage.HeapBytes);
        if (merge)
        {
            // The tail's percentiles are not merged (histograms of the second are gone); its counts, maximum, CPU and GC are.
            var previous = points[^1];
            var total = previous.Seconds + seconds;
            points[^1] = previous with
            {
                Second = point.Second,
                Seconds = Math.Round(total, 3),
                Operations = previous.Operations + point.Operations,
                ByOperation = previous.ByOperation.Keys.Union(byOperation.Keys).ToDictionary(k => k, k => Merge(previous.ByOperation.GetValueOrDefault(k), byOperation.GetValueOrDefault(k), total)),
                CpuCores = Math.Round(((previous.CpuCores * previous.Seconds) + (point.CpuCores * seconds)) / total, 3),
                MachineCpuCores = Math.Round(((previous.MachineCpuCores * previous.Seconds) + (point.MachineCpuCores * seconds)) / total, 3),
                Gen0 = previous.Gen0 + point.Gen0,
                Gen1 = previous.Gen1 + point.Gen1,
                Gen2 = previous.Gen2 + point.Gen2,
                GcPauseMs = previous.GcPauseMs + point.GcPauseMs,
                HeapBytes = point.HeapBytes,
            };
        }
        else
        {
            points.Add(point with { Seconds = Math.Round(seconds, 3) });
        }

        return (now, usage);
    }

    private static IntervalLatency Merge(IntervalLatency? second, IntervalLatency? tail, double seconds)
    {
        var count = (second?.Count ?? 0) + (tail?.Count ?? 0);
        var kept = second ?? tail!;
        return kept with { Count = count, PerSecond = Math.Round(count / seconds, 1), Max = Math.Max(second?.Max ?? 0, tail?.Max ?? 0) };
    }

    /// <summary>What the process has spent so far; two readings give a second's share.</summary>
    private sealed record Reading(TimeSpan Cpu, TimeSpan MachineCpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long HeapBytes)
    {
        public static Reading Now()
        {
            var usage = ProcessUsage.Read();
            return new(usage.ProcessCpu, usage.MachineCpu, usage.Gen0, usage.Gen1, usage.Gen2, GC.GetTotalPauseDuration(), GC.GetGCMemoryInfo().HeapSizeBytes);
        }
    }
}
