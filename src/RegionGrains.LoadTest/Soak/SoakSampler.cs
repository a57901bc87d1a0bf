using System.Diagnostics;

namespace RegionGrains.LoadTest.Soak;

/// <summary>
/// Samples a soak at a fixed interval while its load runs: the interval's latency (the phase's own HdrHistogram
/// recorder, whose intervals nothing else takes during a soak) and throughput, the heap after the latest gen-2
/// collection, open handles and the data files' size. What completes after the last whole interval (the calls still
/// in flight when the load stops) counts in the run's totals, not in a sample.
/// </summary>
public static class SoakSampler
{
    /// <summary>Runs alongside <paramref name="running"/>; <paramref name="sampled"/> sees each sample as it is taken.</summary>
    /// <param name="stats">The soak's phase: its operation count and its latency recorder.</param>
    /// <param name="running">The load.</param>
    /// <param name="every">The interval.</param>
    /// <param name="dataDirectory">The silo's data directory.</param>
    /// <param name="collectGen2">
    /// Ask for a background gen-2 collection before the first interval and at the end of each, so that every interval
    /// has one (asking only after an interval without one leaves the next without one whenever it had one). A background collection runs beside the program, with short pauses at its start
    /// and end, where a blocking one would stop every thread for the whole heap.
    /// </param>
    /// <param name="sampled">Sees each sample as it is taken.</param>
    public static async Task<IReadOnlyList<SoakSample>> SampleAsync(
        PhaseStats stats, Task<TimeSpan> running, TimeSpan every, string dataDirectory, bool collectGen2, Action<SoakSample> sampled)
    {
        var samples = new List<SoakSample>();
        var start = Stopwatch.GetTimestamp();
        var last = new Mark(start, stats.Operations, GC.CollectionCount(2), ProcessProbe.LatestGen2().Index);
        stats.Latency.TakeInterval();
        if (collectGen2)
        {
            CollectInBackground();
        }

        using var timer = new PeriodicTimer(every);
        while (await Task.WhenAny(running, timer.WaitForNextTickAsync().AsTask()) != running)
        {
            if (collectGen2)
            {
                await WhenGen2CompletedAsync(last.Gen2Index, every);
            }

            var (sample, mark) = Take(stats, start, last, dataDirectory);
            samples.Add(sample);
            sampled(sample);
            last = mark;
            if (collectGen2)
            {
                CollectInBackground();
            }
        }

        await running;
        return samples;
    }

    private static (SoakSample Sample, Mark Mark) Take(PhaseStats stats, long start, Mark last, string dataDirectory)
    {
        var now = Stopwatch.GetTimestamp();
        var operations = stats.Operations;
        var latency = LatencySummary.From(stats.Latency.TakeInterval());
        var gen2 = ProcessProbe.LatestGen2();
        var gen2Count = GC.CollectionCount(2);
        var (dataBytes, walBytes) = ProcessProbe.DataFiles(dataDirectory);
        var seconds = Stopwatch.GetElapsedTime(last.Time, now).TotalSeconds;
        var sample = new SoakSample(
            Math.Round(Stopwatch.GetElapsedTime(start, now).TotalSeconds, 3),
            Math.Round(seconds, 3),
            operations - last.Operations,
            Math.Round((operations - last.Operations) / Math.Max(seconds, 1e-9), 1),
            latency.Count == 0 ? null : latency.P50,
            latency.Count == 0 ? null : latency.P99,
            gen2Count - last.Gen2Count,
            gen2.Index > last.Gen2Index ? gen2.HeapSizeBytes : null,
            gen2.Index > last.Gen2Index ? gen2.PromotedBytes : null,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            ProcessProbe.OpenHandles(),
            dataBytes,
            walBytes);
        return (sample, new Mark(now, operations, gen2Count, gen2.Index));
    }

    /// <summary>
    /// Waits, at most <paramref name="limit"/>, until a gen-2 collection after <paramref name="index"/> has completed: on a
    /// busy machine the background collection asked for at the start of the interval can still be running at its end,
    /// and the interval would then have no figure.
    /// </summary>
    private static async Task WhenGen2CompletedAsync(long index, TimeSpan limit)
    {
        var waiting = Stopwatch.StartNew();
        while (ProcessProbe.LatestGen2().Index <= index && waiting.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    private static void CollectInBackground() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);

    private sealed record Mark(long Time, long Operations, int Gen2Count, long Gen2Index);
}
