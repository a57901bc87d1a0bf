using System.Diagnostics;
using RegionGrains.LoadTest.Telemetry;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// Sends operations to a target for a bounded time. Closed loop: each worker waits for its answer before the
/// next call. Open loop (<see cref="LoadShape.Rate"/>): operation k is due when the schedule says (start + k/rate
/// at a constant rate), and its latency counts from that intended time, so a stalled system is charged for the calls it delayed (no coordinated
/// omission); at most <see cref="LoadShape.Concurrency"/> are in flight, later ones wait (and are charged).
/// </summary>
public static class LoadDriver
{
    private const int YieldEvery = 8;

    /// <summary>Runs for <paramref name="duration"/>, then waits for calls in flight; returns the wall time used.</summary>
    public static Task<TimeSpan> RunAsync(ILoadTarget target, LoadShape shape, TimeSpan duration, PhaseStats stats, CancellationToken cancellationToken) =>
        shape.Rate is { } rate
            ? RunOpenAsync(target, shape, rate, duration, stats, cancellationToken)
            : RunClosedAsync(target, shape, duration, stats, cancellationToken);

    private static async Task<TimeSpan> RunClosedAsync(ILoadTarget target, LoadShape shape, TimeSpan duration, PhaseStats stats, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, shape.Concurrency).Select(worker => Task.Run(
            async () =>
            {
                var random = new Random(HashCode.Combine(shape.Seed, worker));
                for (var sent = 1; Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested; sent++)
                {
                    var kind = shape.Mix.Pick(random);
                    var key = shape.Keys.Draw(random);
                    await ExecuteAsync(target, kind, key, random, Stopwatch.GetTimestamp(), stats, cancellationToken);
                    if (sent % YieldEvery == 0)
                    {
                        // In-process calls often complete on the thread that answered them; without an occasional
                        // yield a few workers keep the two cores and the rest wait for seconds.
                        await Task.Yield();
                    }
                }
            },
            CancellationToken.None));
        await Task.WhenAll(workers);
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<TimeSpan> RunOpenAsync(ILoadTarget target, LoadShape shape, RateSchedule schedule, TimeSpan duration, PhaseStats stats, CancellationToken cancellationToken)
    {
        var random = new Random(shape.Seed);
        using var slots = new SemaphoreSlim(shape.Concurrency, shape.Concurrency);
        var inFlight = new InFlight();
        var start = Stopwatch.GetTimestamp();
        // The rounding guards against a count such as 399.99999 for 200/s over 2 s.
        var total = (long)Math.Floor(Math.Round(schedule.CountAt(duration.TotalSeconds), 6));
        long issued = 0;
        try
        {
            while (issued < total && !cancellationToken.IsCancellationRequested)
            {
                var due = Math.Min(total, (long)Math.Floor(schedule.CountAt(Stopwatch.GetElapsedTime(start).TotalSeconds)) + 1);
                while (issued < due)
                {
                    var intended = start + (long)(schedule.TimeOf(issued) * Stopwatch.Frequency);
                    await slots.WaitAsync(cancellationToken);
                    var kind = shape.Mix.Pick(random);
                    var key = shape.Keys.Draw(random);
                    inFlight.Enter();
                    _ = RunOneAsync(target, kind, key, intended, stats, slots, inFlight, cancellationToken);
                    issued++;
                }

                await WaitUntilAsync(start, issued < total ? schedule.TimeOf(issued) : duration.TotalSeconds, cancellationToken);
            }

            // A rate that ramps down to 0 sends its last operation early; the phase still lasts its duration, so that
            // its seconds and its throughput cover the whole of it.
            await WaitUntilAsync(start, duration.TotalSeconds, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping early is asked for; what was sent is still awaited below.
        }

        await inFlight.DrainAsync();
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task WaitUntilAsync(long start, double seconds, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(seconds) - Stopwatch.GetElapsedTime(start);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken);
        }
    }

    private static async Task RunOneAsync(
        ILoadTarget target, OperationKind kind, int key, long intended, PhaseStats stats, SemaphoreSlim slots, InFlight inFlight, CancellationToken cancellationToken)
    {
        try
        {
            // Random.Shared: open-loop calls run concurrently, and a target's draws need no reproducibility.
            await ExecuteAsync(target, kind, key, Random.Shared, intended, stats, cancellationToken);
        }
        finally
        {
            slots.Release();
            inFlight.Exit();
        }
    }

    private static async Task ExecuteAsync(
        ILoadTarget target, OperationKind kind, int key, Random random, long startTimestamp, PhaseStats stats, CancellationToken cancellationToken)
    {
        var outcome = "ok";
        try
        {
            if (await target.ExecuteAsync(kind, key, random, cancellationToken) is { } refusal)
            {
                stats.Refusals.Add(refusal);
                outcome = "refused";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            stats.Errors.Add(ErrorTally.KindOf(exception));
            outcome = "error";
        }

        var latency = Stopwatch.GetElapsedTime(startTimestamp);
        LoadMetrics.Record(stats.Name, kind, outcome, latency);
        stats.Latency.Record(latency);
        stats.LatencyByKind[(int)kind].Record(latency);
        stats.CountOperation();
    }

    /// <summary>Counts calls in flight so the phase can wait for the last one without keeping every task.</summary>
    private sealed class InFlight
    {
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count = 1;

        public void Enter() => Interlocked.Increment(ref _count);

        public void Exit()
        {
            if (Interlocked.Decrement(ref _count) == 0)
            {
                _drained.TrySetResult();
            }
        }

        public Task DrainAsync()
        {
            Exit();
            return _drained.Task;
        }
    }
}
