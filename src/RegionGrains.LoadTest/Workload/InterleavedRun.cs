using RegionGrains.LoadTest.Reporting;
using RegionGrains.LoadTest.Targets;

namespace RegionGrains.LoadTest.Workload;

/// <summary>One side of an interleaved run: a target, how to load it, and where its measurements go.</summary>
public sealed record RunSide(ILoadTarget Target, LoadShape Shape, PhaseStats Stats);

/// <summary>Runs a scenario and its baseline in alternating rounds, after a warmup of both.</summary>
public static class InterleavedRun
{
    public static async Task RunAsync(RunSide scenario, RunSide? baseline, RunPlan plan, LiveProgress progress, CancellationToken cancellationToken)
    {
        if (plan.Warmup > TimeSpan.Zero)
        {
            var sides = baseline is null ? 1 : 2;
            await RunPhaseAsync(scenario with { Stats = new PhaseStats("warmup") }, "warmup " + scenario.Target.Name, plan.Warmup / sides, progress, cancellationToken);
            if (baseline is not null)
            {
                await RunPhaseAsync(baseline with { Stats = new PhaseStats("warmup") }, "warmup " + baseline.Target.Name, plan.Warmup / sides, progress, cancellationToken);
            }
        }

        for (var round = 0; round < plan.Rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            var order = baseline is null ? [scenario] : round % 2 == 0 ? new[] { scenario, baseline } : [baseline, scenario];
            foreach (var side in order)
            {
                await RunPhaseAsync(side, $"{side.Target.Name} {round + 1}/{plan.Rounds}", plan.RoundDuration, progress, cancellationToken);
            }
        }
    }

    private static async Task RunPhaseAsync(RunSide side, string label, TimeSpan duration, LiveProgress progress, CancellationToken cancellationToken)
    {
        var before = ProcessUsage.Read();
        var elapsed = await progress.TrackAsync(label, side.Stats, () => LoadDriver.RunAsync(side.Target, side.Shape, duration, side.Stats, cancellationToken));
        side.Stats.AddRound(elapsed, ProcessUsage.Read() - before);
    }
}
