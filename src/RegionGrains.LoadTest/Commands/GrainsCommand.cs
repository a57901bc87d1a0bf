using RegionGrains.LoadTest.Agents;
using RegionGrains.LoadTest.Cluster;

namespace RegionGrains.LoadTest.Commands;

/// <summary>Orleans client load on region grains, interleaved with an empty ping grain as the baseline.</summary>
public sealed class GrainsCommand(IAnsiConsole console, IRunHooks hooks) : AsyncCommand<GrainsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GrainsSettings settings, CancellationToken cancellationToken)
    {
        if (settings.AgentEndpoints is { } agents)
        {
            return await AgentCoordinator.RunAsync(console, "grains", settings, agents, cancellationToken);
        }

        var output = new RunOutput(console, settings, hooks);
        output.Step(settings.Cluster
            ? "Connecting to the cluster as a client"
            : $"Starting an in-process silo on a temporary data directory ({settings.Storage.ToString().ToLowerInvariant()} region storage)");
        await using var cluster = settings.Cluster
            ? await ClusterConnection.ConnectAsync(settings.ClusterSettings(), settings.Verbose, cancellationToken)
            : await ClusterConnection.StartSiloAsync(new SiloOptions(settings.Storage == StorageKind.Memory, settings.Verbose), cancellationToken);
        var grains = cluster.Client;

        var regions = settings.CreateRegions();
        if (!cluster.InProcess)
        {
            output.WarnRegionsStay(regions, "the cluster");
        }

        output.Step($"Creating {regions.Count:N0} regions (lt-{regions.RunTag}-*), Online, {RegionSet.InitialTotal:N0} of each pool");
        var source = new GrainRegionSource(grains, cluster.InProcess || settings.Regions <= 200_000 ? 200_000 : 0);
        var before = await source.GetFootprintAsync(cancellationToken);
        var created = await RegionSeeding.SeedAsync(grains, regions, cancellationToken);

        var (baseline, baselineNote) = settings.ParsedBaselineMix is { } baselineMix
            ? (MixBaseline.Create(new GrainRegionTarget(grains, regions), baselineMix, settings), $"the region grains with --baseline-mix {baselineMix} on the same keys, concurrency and loop, interleaved by rounds")
            : await PingBaselineAsync(grains, regions, settings, cluster.InProcess);
        var keys = settings.CreateKeys();
        var shape = new LoadShape(settings.Concurrency, settings.OpenLoop, settings.ParsedMix, keys, settings.Seed);
        var scenario = new RunSide(settings.ScenarioTarget(new GrainRegionTarget(grains, regions)), shape, new PhaseStats("region-grain"));
        await hooks.LoadReadyAsync(cancellationToken);
        await InterleavedRun.RunAsync(scenario, baseline, new RunPlan(settings.Duration, settings.Warmup, settings.Rounds), output.Progress, cancellationToken);
        await hooks.LoadFinishedAsync(scenario.Stats, baseline?.Stats, cancellationToken);

        output.Step("Checking invariants");
        var invariants = await InvariantChecker.CheckAsync(source, regions, settings.SettleTimeout, before, cancellationToken);

        var reportSettings = settings.ToReportSettings() with
        {
            Cluster = !cluster.InProcess ? "client of an existing cluster"
                : settings.Storage == StorageKind.Memory ? "in-process silo, region journals in memory"
                : "in-process silo",
        };
        var scenarioCpu = PerOperation.CpuSeconds(scenario.Stats.Usage.ProcessCpu, scenario.Stats.Operations);
        var baselineCpu = baseline is null ? (double?)null : PerOperation.CpuSeconds(baseline.Stats.Usage.ProcessCpu, baseline.Stats.Operations);
        var details = new GrainsDetails(
            Math.Round(created, 1),
            regions.Acknowledged.Count + regions.AcknowledgedPairs.Count,
            PerOperation.CpuSeconds(scenario.Stats.Usage.MachineCpu, scenario.Stats.Operations),
            baseline is null ? null : LatencyReport.From(baseline.Stats.Latency.Summarize()),
            baselineCpu,
            baselineCpu is > 0 && scenarioCpu > 0 ? Math.Round(scenarioCpu / baselineCpu.Value, 2) : null,
            scenario.Stats.Operations == 0 ? null : Math.Round((double)scenario.Stats.Usage.StorageBytesWritten / scenario.Stats.Operations, 1),
            baselineNote);
        var report = RunReport.Create("grains", reportSettings, scenario.Stats, baseline?.Stats, invariants, details);
        return await output.FinishAsync(report, cancellationToken);
    }

    private static async Task<(RunSide? Side, string Note)> PingBaselineAsync(IGrainFactory grains, RegionSet regions, GrainsSettings settings, bool inProcess)
    {
        try
        {
            await grains.GetGrain<IPingGrain>(regions.Ids[0]).PingAsync();
        }
        catch (Exception exception) when (!inProcess)
        {
            // The ping grain only exists in the load tester's assembly; a cluster of other silos does not host it.
            return (null, $"no baseline: the cluster does not host {nameof(IPingGrain)} ({ErrorTally.KindOf(exception)}); run without --cluster for the ratio");
        }

        var shape = new LoadShape(settings.Concurrency, settings.OpenLoop, settings.ParsedMix, settings.CreateKeys(), settings.Seed);
        return (new RunSide(new PingTarget(grains, regions), shape, new PhaseStats("ping-grain")), "empty ping grain on the same keys, concurrency and loop, interleaved by rounds");
    }
}
