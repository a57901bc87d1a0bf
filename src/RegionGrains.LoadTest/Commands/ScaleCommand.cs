using System.Diagnostics;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Cluster;

namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// Activates N regions on one in-process silo and reports activations per second and managed-heap bytes per
/// activation after a forced, compacting GC; then the same for N empty ping grains as the baseline.
/// </summary>
public sealed class ScaleCommand(IAnsiConsole console) : AsyncCommand<ScaleSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ScaleSettings settings, CancellationToken cancellationToken)
    {
        var output = new RunOutput(console, settings);
        var regions = new RegionSet(settings.Regions);
        var directory = Path.Combine(Path.GetTempPath(), "regiongrains-scale-" + regions.RunTag);
        var mode = settings.Mode.ToString().ToLowerInvariant();
        double? createdPerSecond = null;
        try
        {
            if (settings.Mode == ScaleMode.Seeded)
            {
                output.Step($"Creating {regions.Count:N0} regions in a first silo (data in {directory})");
                await using var first = await ClusterConnection.StartSiloAsync(new SiloOptions(Verbose: settings.Verbose, DataDirectory: directory), cancellationToken);
                createdPerSecond = Math.Round(await RegionSeeding.SeedAsync(first.Client, regions, cancellationToken), 1);
                output.Step("Stopping it, so that the regions are activated from storage by a fresh silo");
            }

            await using var silo = await ClusterConnection.StartSiloAsync(new SiloOptions(Verbose: settings.Verbose, DataDirectory: directory), cancellationToken);
            var grains = silo.Client;
            await grains.GetGrain<IPingGrain>("warm-up").PingAsync();
            var heapBefore = ManagedHeapBytes();
            double? partitionBytesPerRegion = null;
            int? activationsAfterPartitions = null;
            if (settings.Mode == ScaleMode.Seeded)
            {
                // The footprint partitions load their stored region snapshots before any region is activated, so that
                // what they hold is weighed on its own and the activations' bytes below are the regions' alone.
                output.Step("Loading the footprint partitions' stored region snapshots");
                await WaitForCompleteFootprintAsync(grains, regions.Count, settings.SettleTimeout, cancellationToken);
                var heapWithPartitions = ManagedHeapBytes();
                partitionBytesPerRegion = Math.Round((heapWithPartitions - heapBefore) / (double)regions.Count, 0);
                activationsAfterPartitions = await TotalActivationsAsync(grains);
                heapBefore = heapWithPartitions;
            }

            var measured = new PhaseStats("region-activation");
            var sums = new FootprintAccumulator();
            var missing = 0L;
            await Activate(output, measured, regions, settings.Concurrency, async id =>
            {
                var snapshot = await grains.GetGrain<IRegionGrain>(id).GetAsync();
                if (snapshot is not null)
                {
                    sums.Add(RegionView.From(snapshot));
                }
                else if (settings.Mode == ScaleMode.Seeded)
                {
                    Interlocked.Increment(ref missing);
                }
            });

            output.Step("Waiting for the footprint to include every region");
            var footprint = await InvariantChecker.WaitForFootprintAsync(new GrainRegionSource(grains), sums.Total(), settings.SettleTimeout, "the sum over the run's regions", cancellationToken);
            Dictionary<string, object?>? paging = null;
            if (settings.Mode == ScaleMode.Seeded)
            {
                output.Step("Timing region directory pages: the first, and one 90 % of the way through the ids");
                paging = await DirectoryPaging.MeasureAsync(grains, regions);
            }

            var heapAfterRegions = ManagedHeapBytes();
            var activations = await TotalActivationsAsync(grains);

            var baseline = new PhaseStats("ping-activation");
            await Activate(output, baseline, regions, settings.Concurrency, id => grains.GetGrain<IPingGrain>(id).PingAsync());
            var heapAfterPings = ManagedHeapBytes();

            var invariants = new InvariantResults(
                new InvariantCheck(sums.OverReserved.Count == 0 && missing == 0, sums.Read, sums.OverReserved.Count + missing, $"{sums.Read:N0} regions read; {sums.OverReserved.Count} over-reserved; {missing} of the created regions missing"),
                footprint,
                InvariantCheck.NotApplicable("no reservations are made in this scenario"));

            var details = new ScaleDetails(
                mode,
                createdPerSecond,
                Math.Round((heapAfterRegions - heapBefore) / (double)regions.Count, 0),
                Math.Round((heapAfterPings - heapAfterRegions) / (double)regions.Count, 0),
                new ManagedHeapReport(heapBefore, heapAfterRegions, heapAfterPings),
                activations,
                partitionBytesPerRegion,
                activationsAfterPartitions,
                Math.Round(measured.ThroughputPerSecond, 1),
                LatencyReport.From(baseline.Latency.Summarize()),
                settings.Mode == ScaleMode.Seeded
                    ? "bytesPerActivation is what activating a region adds to the silo's managed heap (the activation, its state, its cached snapshot) once the footprint partitions have loaded; partitionBytesPerRegion is what the partitions hold per region"
                    : "bytesPerActivation is everything a never-defined region's activation costs the silo's managed heap",
                paging);
            var reportSettings = new ScaleReportSettings(settings.Regions, settings.Concurrency, mode, System.Runtime.GCSettings.IsServerGC ? "server" : "workstation");
            var report = RunReport.Create("scale", reportSettings, measured, baseline, invariants, details);
            return await output.FinishAsync(report, cancellationToken);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    private static async Task Activate(RunOutput output, PhaseStats stats, RegionSet regions, int concurrency, Func<string, Task> activate)
    {
        var before = ProcessUsage.Read();
        var started = Stopwatch.GetTimestamp();
        await output.Progress.TrackAsync($"activating {stats.Name}", stats, async () =>
        {
            await Parallel.ForAsync(0, regions.Count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await activate(regions.Ids[i]);
                }
                catch (Exception exception)
                {
                    stats.Errors.Add(ErrorTally.KindOf(exception));
                }

                stats.Latency.RecordSince(start);
                stats.CountOperation();
            });
            return true;
        });
        stats.AddRound(Stopwatch.GetElapsedTime(started), ProcessUsage.Read() - before);
    }

    /// <summary>Polls the footprint until it counts at least <paramref name="regions"/> regions, every one confirmed.</summary>
    private static async Task WaitForCompleteFootprintAsync(IGrainFactory grains, int regions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var footprint = grains.GetGrain<IFootprintGrain>(IFootprintGrain.Key);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        GlobalFootprint? last = null;
        try
        {
            while ((last = await footprint.GetAsync()) is not { Unconfirmed: 0 } || last.Regions < regions)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The footprint was not complete within {timeout}: {last?.Regions} regions, {last?.Unconfirmed} unconfirmed, {regions} expected.");
        }
    }

    /// <summary>Managed heap after a forced, blocking, compacting collection of every generation.</summary>
    internal static long ManagedHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static async Task<int?> TotalActivationsAsync(IGrainFactory grains)
    {
        try
        {
            return await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
