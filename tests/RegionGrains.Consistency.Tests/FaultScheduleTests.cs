using System.Net.Http.Json;
using RegionGrains.Consistency.Tests.Infrastructure;
using RegionGrains.HistoryChecking.Recording;

namespace RegionGrains.Consistency.Tests;

/// <summary>
/// Recorded histories on a local cluster of processes (SQLite) under one fault each: <c>kill -9</c> of a silo, of a
/// gateway, and (in the long runs only) SIGSTOP of a silo past its death vote then SIGCONT. Each run lasts
/// <c>REGIONGRAINS_HISTORY_SECONDS</c> (12 s unless set; docs/consistency.md has the long command) and must show no
/// violation; a history with one is kept under TestResults/histories with its fault timeline.
/// </summary>
public sealed class FaultScheduleTests(FaultClusterFixture fixture, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>
{
    private static readonly TimeSpan Duration = HistoryRunLength.Or(TimeSpan.FromSeconds(12));

    [Fact]
    public Task KillingASiloDuringTheRunLeavesALinearizableHistory() =>
        RunAsync("kill-silo", async (recorder, regions) =>
        {
            var victim = await SiloHoldingMostAsync(regions);
            recorder.Fault($"kill -9 {victim.Name} (process {victim.Id})");
            victim.Kill();
        });

    [Fact]
    public Task KillingAGatewayDuringTheRunLeavesALinearizableHistory() =>
        RunAsync("kill-gateway", async (recorder, _) =>
        {
            var gateway = fixture.SecondGateway!;
            recorder.Fault($"kill -9 {gateway.Name} (process {gateway.Id})");
            gateway.Kill();
            var killedAt = recorder.Now;
            await recorder.WhenAsync(r => r.Now > killedAt + 3_000_000, "3 s of load without the second gateway");
            fixture.SecondGateway = await fixture.Cluster.StartExtraGatewayAsync(gateway.Name, gateway.HttpAddress);
            recorder.Fault($"{gateway.Name} started again (process {fixture.SecondGateway.Id})");
        });

    /// <summary>
    /// A long run only: on this cluster the run stalled after the death vote, not yet explained (docs/consistency.md,
    /// "Open: SIGSTOP of a silo on SQLite"); CI does not run a schedule whose failure is already known.
    /// </summary>
    [LongHistoryFact]
    public Task PausingASiloPastItsDeathVoteLeavesALinearizableHistory() =>
        RunAsync("pause-silo", async (recorder, regions) =>
        {
            var victim = await SiloHoldingMostAsync(regions);
            var witness = fixture.Cluster.LiveSilos.First(s => s != victim);
            recorder.Fault($"SIGSTOP {victim.Name} (process {victim.Id})");
            await Signals.SendAsync(victim.Id, "STOP");
            using var http = new HttpClient { BaseAddress = witness.HttpAddress, Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.Until(
                async () => await http.GetFromJsonAsync<ClusterView>("/cluster/members"),
                m => m!.Members.Any(x => x.Name == victim.Name && x.Status == "Dead"),
                TimeSpan.FromSeconds(60),
                $"{witness.Name} to see {victim.Name} declared dead",
                fixture.Cluster.Diagnostics);
            recorder.Fault($"{victim.Name} declared dead (seen by {witness.Name})");
            var acknowledged = recorder.Acknowledged;
            await recorder.WhenAsync(r => r.Acknowledged > acknowledged + 200, "200 more acknowledged operations after the death vote");
            recorder.Fault($"SIGCONT {victim.Name}");
            await Signals.SendAsync(victim.Id, "CONT");
            var exited = await victim.WaitForExitAsync(TimeSpan.FromSeconds(30));
            recorder.Fault(exited is null ? $"{victim.Name} still runs 30 s after SIGCONT; killed" : $"{victim.Name} exited by itself ({exited})");
            if (exited is null)
            {
                victim.Kill();
            }
        });

    private async Task RunAsync(string name, Func<HistoryRecorder, IReadOnlyList<string>, Task> fault)
    {
        var cluster = fixture.Cluster;
        while (cluster.LiveSilos.Count < 3)
        {
            await cluster.StartSiloAsync();
        }

        await cluster.WaitUntilServingAsync();
        var regions = Enumerable.Range(0, 4).Select(i => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + $"-{i}").ToList();
        var gateways = new[] { new GatewayEndpoint("g1", cluster.Http), new GatewayEndpoint("g2", fixture.SecondHttp) };
        var recorder = new HistoryRecorder(gateways, regions, new WorkloadOptions { Clients = 8, Seed = name.Length });
        await recorder.SetUpRegionsAsync();
        await ScheduledRecording.RunAsync(
            recorder,
            name,
            Duration / 4,
            async () =>
            {
                await fault(recorder, regions);
                await recorder.WhenAsync(r => r.Now >= (long)Duration.TotalMicroseconds, "the end of the run", Duration + TimeSpan.FromSeconds(60));
            },
            cluster.WaitUntilServingAsync,
            output.WriteLine);
    }

    /// <summary>The live silo that holds the most of <paramref name="regions"/> (placement decides; the victim should matter).</summary>
    private async Task<ClusterProcess> SiloHoldingMostAsync(IReadOnlyList<string> regions)
    {
        var prefix = regions[0][..regions[0].LastIndexOf('-')];
        var counts = await Task.WhenAll(fixture.Cluster.LiveSilos.Select(async s => (Silo: s, Count: await s.CountRegionsAsync(prefix))));
        var victim = counts.MaxBy(c => c.Count);
        output.WriteLine($"victim {victim.Silo.Name} holds {victim.Count} of {regions.Count} hot regions");
        return victim.Silo;
    }

    private sealed record ClusterView(IReadOnlyList<Member> Members)
    {
        public override string ToString() => string.Join(", ", Members.Select(m => $"{m.Name}={m.Status}"));
    }

    private sealed record Member(string Name, string Status);
}
