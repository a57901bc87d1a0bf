using System.Diagnostics;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.LoadTest.Cluster;

namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// Creates N load-test regions in a silo on a data directory that is kept, waits until the footprint counts them
/// all (every footprint partition has then stored its new members), and stops: a store for a gateway started on
/// that directory afterwards, e.g. to time paging over a million regions (deploy/bench/paging-gateway.sh).
/// </summary>
public sealed class SeedCommand(IAnsiConsole console) : AsyncCommand<SeedSettings>
{
    /// <summary>The service id of the load tester's silos; a gateway reading the seeded store must use the same.</summary>
    public const string ServiceId = "regiongrains-loadtest";

    public override async Task<int> ExecuteAsync(CommandContext context, SeedSettings settings, CancellationToken cancellationToken)
    {
        var regions = new RegionSet(settings.Regions);
        var directory = Path.GetFullPath(settings.DataDirectory!);
        console.MarkupLine($"Creating {regions.Count:N0} regions lt-{regions.RunTag}-0 to lt-{regions.RunTag}-{regions.Count - 1} in {Markup.Escape(directory)}");
        await using (var silo = await ClusterConnection.StartSiloAsync(new SiloOptions(Verbose: settings.Verbose, DataDirectory: directory), cancellationToken))
        {
            var perSecond = await RegionSeeding.SeedAsync(silo.Client, regions, cancellationToken);
            console.MarkupLine($"Created them at {perSecond:N0} regions/s");

            var footprint = silo.Client.GetGrain<IFootprintGrain>(IFootprintGrain.Key);
            var started = Stopwatch.GetTimestamp();
            long counted;
            while ((counted = (await footprint.GetAsync()).Regions) < regions.Count)
            {
                if (Stopwatch.GetElapsedTime(started) > settings.SettleTimeout)
                {
                    console.MarkupLine($"[red]The footprint counted {counted:N0} of {regions.Count:N0} regions after {settings.SettleTimeout}; the partitions did not take them all in.[/]");
                    return ExitCodes.Failed;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }

            console.MarkupLine($"The footprint counts {counted:N0} regions; stopping the silo");
        }

        console.MarkupLine($"Start a gateway on them with RegionGrains__DataDirectory={Markup.Escape(directory)} RegionGrains__ServiceId={ServiceId}");
        return ExitCodes.Passed;
    }
}
