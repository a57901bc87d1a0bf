namespace RegionGrains.LoadTest.Workload;

/// <summary>One side of an interleaved run: a target, how to load it, and where its measurements go.</summary>
public sealed record RunSide(ILoadTarget Target, LoadShape Shape, PhaseStats Stats);

/// <summary>Wraps one phase of a run: the side it loads, whether it is measured (not warmup), and the phase itself.</summary>
public delegate Task PhaseWrapper(RunSide side, bool measured, Func<Task> phase);

/// <summary>Runs a scenario and its baseline in alternating rounds, after a warmup of both.</summary>
public static class InterleavedRun
{
    /// <summary>Warmup of both sides, then the rounds; <c>around</c>, when given, runs around every phase (e.g. to probe staleness while it lasts).</summary>
    public static async Task RunAsync(RunSide scenario, RunSide? baseline, RunPlan plan, LiveProgress progress, CancellationToken cancellationToken, PhaseWrapper? around = null)
    {
        if (plan.Warmup > TimeSpan.Zero)
        {
            var sides = baseline is null ? 1 : 2;
            await WrapAsync(around, scenario with { Stats = new PhaseStats("warmup") }, false, "warmup " + scenario.Target.Name, plan.Warmup / sides, progress, cancellationToken);
            if (baseline is not null)
            {
                await WrapAsync(around, baseline with { Stats = new PhaseStats("warmup") }, false, "warmup " + baseline.Target.Name, plan.Warmup / sides, progress, cancellationToken);
            }
        }

        for (var round = 0; round < plan.Rounds; round++)
        {
            var order = baseline is null ? [scenario] : round % 2 == 0 ? new[] { scenario, baseline } : [baseline, scenario];
            foreach (var side in order)
            {
                // A stopped run ends here: its rounds are incomplete, so no report or invariant check follows.
                cancellationToken.ThrowIfCancellationRequested();
                await WrapAsync(around, side, true, $"{side.Target.Name} {round + 1}/{plan.Rounds}", plan.RoundDuration, progress, cancellationToken);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>One phase: loads <paramref name="side"/> for <paramref name="duration"/> and adds the round to its stats.</summary>
    public static async Task RunPhaseAsync(RunSide side, string label, TimeSpan duration, LiveProgress progress, CancellationToken cancellationToken)
    {
        var before = ProcessUsage.Read();
        var elapsed = await progress.TrackAsync(label, side.Stats, () => TimelineSampler.SampleAsync(side.Stats, LoadDriver.RunAsync(side.Target, side.Shape, duration, side.Stats, cancellationToken)));
        side.Stats.AddRound(elapsed, ProcessUsage.Read() - before);
    }

    private static Task WrapAsync(PhaseWrapper? around, RunSide side, bool measured, string label, TimeSpan duration, LiveProgress progress, CancellationToken cancellationToken)
    {
        Task Phase() => RunPhaseAsync(side, label, duration, progress, cancellationToken);
        return around is null ? Phase() : around(side, measured, Phase);
    }
}
