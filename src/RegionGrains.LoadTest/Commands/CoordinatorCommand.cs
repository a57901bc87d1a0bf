using RegionGrains.LoadTest.Cluster;

namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// Regions updated at a target rate (open loop) with footprint staleness probed throughout, in alternating
/// rounds of the real staged aggregation and of a naive coordinator that every update awaits; then a short
/// closed-loop phase per design for the most updates per second each sustains (its ceiling).
/// </summary>
public sealed class CoordinatorCommand(IAnsiConsole console) : AsyncCommand<CoordinatorSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CoordinatorSettings settings, CancellationToken cancellationToken)
    {
        var output = new RunOutput(console, settings);
        output.Step($"Starting an in-process silo ({settings.Storage.ToString().ToLowerInvariant()} region storage)");
        await using var cluster = await ClusterConnection.StartSiloAsync(new SiloOptions(settings.Storage == StorageKind.Memory, settings.Verbose), cancellationToken);
        var grains = cluster.Client;
        using var metric = new StalenessMetricListener();

        var regions = new RegionSet(settings.Regions);
        output.Step($"Creating {regions.Count:N0} regions and {settings.Probes} probe regions; loading them into the naive coordinator");
        var source = new GrainRegionSource(grains);
        var footprintBefore = await source.GetFootprintAsync(cancellationToken);
        await RegionSeeding.SeedAsync(grains, regions, cancellationToken);
        var probes = new StalenessProbes(grains, regions.RunTag, settings.Probes);
        var naive = grains.GetGrain<INaiveFootprintGrain>("naive-" + regions.RunTag);
        foreach (var snapshot in await probes.CreateAsync())
        {
            await naive.ApplyAsync(snapshot);
        }

        await Parallel.ForAsync(0, regions.Count, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, _) =>
            await naive.ApplyAsync((await grains.GetGrain<Abstractions.Regions.IRegionGrain>(regions.Ids[i]).GetAsync())!));

        var mix = OperationMix.Parse("capacity=1");
        var keys = KeyDistribution.Create(KeyDistributionKind.Uniform, regions.Count);
        var rateShape = new LoadShape(settings.Concurrency, settings.OpenLoop ?? RateSchedule.Constant(CoordinatorSettings.DefaultRate), mix, keys, settings.Seed);
        var staged = new Design(new RunSide(new UpdateTarget(grains, regions, null), rateShape, new PhaseStats("staged-aggregation")), null);
        var naiveDesign = new Design(new RunSide(new UpdateTarget(grains, regions, naive), rateShape, new PhaseStats("naive-coordinator")), naive);
        var internalStaleness = new LatencyRecorder();

        // Staleness is probed while each phase runs; the grains' own staleness metric counts only in the staged design's measured rounds.
        async Task ProbeDuringAsync(Design design, LatencyRecorder staleness, bool recordInternal, Func<Task> phase)
        {
            using var stop = new CancellationTokenSource();
            metric.Target = recordInternal ? internalStaleness : null;
            var probing = probes.RunAsync(staleness, design.Naive, stop.Token);
            await phase();
            await stop.CancelAsync();
            await probing;
            metric.Target = null;
        }

        Task AroundPhase(RunSide side, bool measured, Func<Task> phase)
        {
            var design = side.Target == staged.Rate.Target ? staged : naiveDesign;
            return ProbeDuringAsync(design, measured ? design.Staleness : new LatencyRecorder(), measured && design.Naive is null, phase);
        }

        await InterleavedRun.RunAsync(staged.Rate, naiveDesign.Rate, new RunPlan(settings.Duration, settings.Warmup, settings.Rounds), output.Progress, cancellationToken, AroundPhase);

        if (settings.CeilingDuration > TimeSpan.Zero)
        {
            foreach (var design in new[] { staged, naiveDesign })
            {
                var ceiling = design.Rate with { Shape = rateShape with { Rate = null }, Stats = design.Ceiling };
                await ProbeDuringAsync(design, design.CeilingStaleness, false, () => InterleavedRun.RunPhaseAsync(ceiling, $"{design.Name} ceiling (closed loop)", settings.CeilingDuration, output.Progress, cancellationToken));
            }
        }

        output.Step("Checking invariants");
        var invariants = await InvariantChecker.CheckAsync(source, regions, settings.SettleTimeout, footprintBefore, cancellationToken);
        var report = RunReport.Create("coordinator", ReportSettings(settings), staged.Rate.Stats, naiveDesign.Rate.Stats, invariants, Details(settings, staged, naiveDesign, internalStaleness, probes));
        return await output.FinishAsync(report, cancellationToken);
    }

    private static CoordinatorReportSettings ReportSettings(CoordinatorSettings settings) => new(
        settings.Regions,
        settings.TargetRate,
        settings.Concurrency,
        "open",
        settings.Duration.TotalSeconds,
        settings.Warmup.TotalSeconds,
        settings.Rounds,
        settings.CeilingDuration.TotalSeconds,
        settings.Probes,
        settings.Storage.ToString().ToLowerInvariant(),
        settings.Seed) { Stages = settings.ParsedStages?.ToString() };

    private static CoordinatorDetails Details(CoordinatorSettings settings, Design staged, Design naive, LatencyRecorder internalStaleness, StalenessProbes probes)
    {
        var stagedStaleness = staged.Staleness.Summarize();
        var ceiling = settings.CeilingDuration > TimeSpan.Zero;
        return new(
            settings.TargetRate,
            Math.Round(staged.Rate.Stats.ThroughputPerSecond, 1),
            Math.Round(naive.Rate.Stats.ThroughputPerSecond, 1),
            stagedStaleness.P99,
            stagedStaleness,
            naive.Staleness.Summarize(),
            internalStaleness.Summarize(),
            LatencyReport.From(naive.Rate.Stats.Latency.Summarize()),
            naive.Rate.Stats.Errors.Snapshot(),
            ceiling ? Math.Round(staged.Ceiling.ThroughputPerSecond, 1) : null,
            ceiling ? Math.Round(naive.Ceiling.ThroughputPerSecond, 1) : null,
            ceiling ? staged.CeilingStaleness.Summarize() : null,
            ceiling ? LatencyReport.From(staged.Ceiling.Latency.Summarize()) : null,
            ceiling ? LatencyReport.From(naive.Ceiling.Latency.Summarize()) : null,
            probes.Timeouts,
            "stalenessMs: from an update returning to the client until GET of the footprint shows it (probe regions, 10 ms apart); internalStalenessMs: the grains' own metric, oldest change in a partition push to the coordinator snapshot; the naive design's updates also go through the real regions, whose staged aggregation keeps running");
    }

    private sealed record Design(RunSide Rate, INaiveFootprintGrain? Naive)
    {
        public string Name => Rate.Target.Name;

        public LatencyRecorder Staleness { get; } = new();

        public LatencyRecorder CeilingStaleness { get; } = new();

        public PhaseStats Ceiling { get; } = new(Rate.Target.Name + "-ceiling");
    }
}
