using System.Globalization;
using RegionGrains.LoadTest.Cluster;
using RegionGrains.LoadTest.Soak;

namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// The mix at a steady open-loop rate for a long time against an in-process silo on a temporary data directory:
/// heap after gen-2, latency, throughput, open handles and the data files' size sampled at an interval, each with its
/// slope, and the data files held to a bound. The rate is half the ceiling a closed loop measures first, unless given.
/// </summary>
public sealed class SoakCommand(IAnsiConsole console) : AsyncCommand<SoakSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SoakSettings settings, CancellationToken cancellationToken)
    {
        var output = new RunOutput(console, settings);
        var storage = settings.Storage.ToString().ToLowerInvariant();
        output.Step($"Starting an in-process silo on a temporary data directory ({storage} region storage)");
        await using var cluster = await ClusterConnection.StartSiloAsync(new SiloOptions(settings.Storage == StorageKind.Memory, settings.Verbose), cancellationToken);
        var grains = cluster.Client;

        var regions = new RegionSet(settings.Regions);
        output.Step($"Creating {regions.Count:N0} regions (lt-{regions.RunTag}-*), Online, {RegionSet.InitialTotal:N0} of each pool");
        var source = new GrainRegionSource(grains);
        var before = await source.GetFootprintAsync(cancellationToken);
        var created = await RegionSeeding.SeedAsync(grains, regions, cancellationToken);

        var target = new GrainRegionTarget(grains, regions);
        var mix = settings.ParsedMix;
        var keys = KeyDistribution.Create(KeyDistributionKind.Uniform, regions.Count);
        double? ceiling = null;
        if (settings.Rate is null)
        {
            output.Step($"Measuring the ceiling: {settings.Concurrency} callers in a closed loop for {DurationConverter.Format(settings.CeilingDuration)} ({mix})");
            var ceilingStats = new PhaseStats("ceiling");
            var ceilingElapsed = await LoadDriver.RunAsync(target, new LoadShape(settings.Concurrency, null, mix, keys, settings.Seed), settings.CeilingDuration, ceilingStats, cancellationToken);
            ceiling = Math.Round(ceilingStats.Operations / ceilingElapsed.TotalSeconds, 1);
        }

        var rate = settings.Rate ?? Math.Max(1, Math.Round(ceiling!.Value / 2));
        var rateSource = ceiling is { } measured
            ? string.Create(CultureInfo.InvariantCulture, $"half the ceiling of {measured:N0} ops/s measured by {settings.Concurrency} callers in a closed loop for {DurationConverter.Format(settings.CeilingDuration)}")
            : "--rate";
        output.Step(string.Create(CultureInfo.InvariantCulture, $"Soaking at {rate:N0} ops/s ({rateSource}) for {DurationConverter.Format(settings.Duration)}, a sample every {DurationConverter.Format(settings.SampleEvery)}"));

        var stats = new PhaseStats("soak");
        var usageBefore = ProcessUsage.Read();
        var running = LoadDriver.RunAsync(target, new LoadShape(settings.Concurrency, RateSchedule.Constant(rate), mix, keys, settings.Seed), settings.Duration, stats, cancellationToken);
        var samples = await SoakSampler.SampleAsync(stats, running, settings.SampleEvery, cluster.DataDirectory, settings.CollectGen2, sample => output.Step(Describe(sample)));
        stats.AddRound(await running, ProcessUsage.Read() - usageBefore);
        cancellationToken.ThrowIfCancellationRequested();

        output.Step("Checking invariants");
        var invariants = await InvariantChecker.CheckAsync(source, regions, settings.SettleTimeout, before, cancellationToken) with
        {
            DataFilesBounded = settings.Storage == StorageKind.Memory
                ? InvariantCheck.NotApplicable("--storage memory: the region journals are not in the data files")
                : DataGrowthCheck.Evaluate(samples, settings.MaxDataGrowth, mix),
        };

        var reportSettings = new SoakReportSettings(
            settings.Regions, mix.ToString(), settings.Concurrency, settings.Rate, settings.CeilingDuration.TotalSeconds, settings.Duration.TotalSeconds,
            settings.SampleEvery.TotalSeconds, settings.MaxDataGrowth, settings.CollectGen2, storage, settings.Seed);
        var details = new SoakDetails(
            Math.Round(created, 1), ceiling, rate, rateSource, samples.Count(s => s.HeapAfterGen2Bytes is not null), SoakDetails.TrendsOf(samples), samples);
        var report = RunReport.Create("soak", reportSettings, stats, null, invariants, details);
        return await output.FinishAsync(report, cancellationToken);
    }

    private static string Describe(SoakSample s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.Second,6:0}s {s.OperationsPerSecond,9:N0} ops/s  p50 {s.P50Ms ?? 0,7:0.000} ms  p99 {s.P99Ms ?? 0,7:0.000} ms  " +
        $"heap after gen-2 {(s.HeapAfterGen2Bytes is { } heap ? $"{heap / 1048576.0:N1} MiB (live {s.LiveAfterGen2Bytes / 1048576.0:N1})" : "(no gen-2)")}  handles {(s.OpenHandles is { } h ? h.ToString(CultureInfo.InvariantCulture) : "n/a")}  " +
        $"data {s.DataBytes / 1048576.0:N1} MiB (wal {s.WalBytes / 1048576.0:N1})");
}
