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
    /// A long run only. Every process of this cluster shares one SQLite file, and a process stopped inside a write
    /// transaction keeps the file's write lock (a POSIX lock, released only when the process continues or dies): then no
    /// write of the cluster commits, the membership votes that would declare the stopped silo dead included, until it
    /// continues (docs/consistency.md, "SIGSTOP of a silo on SQLite"). The schedule reads the locks from /proc/locks:
    /// when the victim holds the write lock, it records what was written in the next 10 s and continues the victim;
    /// otherwise it waits for the death vote and 200 acknowledged operations before it does. Either way the cluster
    /// must make 100 more writes afterwards, and the history must be linearizable.
    /// </summary>
    [LongHistoryFact]
    public Task PausingASiloLeavesALinearizableHistoryAndTheClusterServesOnceItContinues() =>
        RunAsync("pause-silo", async (recorder, regions) =>
        {
            var victim = await SiloHoldingMostAsync(regions);
            recorder.Fault($"SIGSTOP {victim.Name} (process {victim.Id})");
            await Signals.SendAsync(victim.Id, "STOP");
            await PausedAsync(recorder, victim);
        });

    /// <summary>
    /// As above, with the victim stopped while it holds the file's write lock: it is stopped and continued at once
    /// until /proc/locks shows it stopped holding the lock (at most 500 tries), so the stall is tested every time.
    /// </summary>
    [LongHistoryFact]
    public Task PausingASiloThatHoldsTheWriteLockStallsWritesUntilItContinuesAndLeavesALinearizableHistory() =>
        RunAsync("pause-lock", async (recorder, regions) =>
        {
            var victim = await SiloHoldingMostAsync(regions);
            for (var attempt = 1; ; attempt++)
            {
                await Signals.SendAsync(victim.Id, "STOP");
                if (FileLocks.In(fixture.Cluster.DataDirectory).Any(l => l.ProcessId == victim.Id && l.IsWalWriteLock))
                {
                    recorder.Fault($"SIGSTOP {victim.Name} (process {victim.Id}) holding the write lock, at try {attempt}");
                    break;
                }

                await Signals.SendAsync(victim.Id, "CONT");
                Assert.True(attempt < 500, $"{victim.Name} was never stopped holding the write lock in 500 tries.");
                await Task.Delay(TimeSpan.FromMilliseconds(attempt % 7));
            }

            await PausedAsync(recorder, victim);
        });

    /// <summary>
    /// The rest of a pause schedule once <paramref name="victim"/> is stopped: the locks read, then either 10 s of the
    /// stall (it holds the write lock) or the death vote and 200 more acknowledged operations; then SIGCONT, and 100
    /// writes made afterwards.
    /// </summary>
    private async Task PausedAsync(HistoryRecorder recorder, ClusterProcess victim)
    {
        var witness = fixture.Cluster.LiveSilos.First(s => s != victim);

        // A writer that was committing when the signal came holds the lock from then on; 2 s is many batches.
        var stoppedAt = recorder.Now;
        await recorder.WhenAsync(r => r.Now > stoppedAt + 2_000_000, "2 s after SIGSTOP");
        var locks = FileLocks.In(fixture.Cluster.DataDirectory);
        var holdsWriteLock = locks.Any(l => l.ProcessId == victim.Id && l.IsWalWriteLock);
        recorder.Fault($"locks on the data files: {(locks.Count == 0 ? "none" : string.Join("; ", locks))}");
        var acknowledged = recorder.Acknowledged;
        if (holdsWriteLock)
        {
            var (heldAt, written, answered) = (recorder.Now, recorder.Written, recorder.Acknowledged);
            await recorder.WhenAsync(r => r.Now > heldAt + 10_000_000, $"10 s with the write lock held by {victim.Name}");
            recorder.Fault($"in 10 s while {victim.Name} held the write lock: {recorder.Written - written} writes made, {recorder.Acknowledged - answered} operations answered");
        }
        else
        {
            using var http = new HttpClient { BaseAddress = witness.HttpAddress, Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.Until(
                async () => await http.GetFromJsonAsync<ClusterView>("/cluster/members"),
                m => m!.Members.Any(x => x.Name == victim.Name && x.Status == "Dead"),
                TimeSpan.FromSeconds(60),
                $"{witness.Name} to see {victim.Name} declared dead",
                fixture.Cluster.Diagnostics);
            recorder.Fault($"{victim.Name} declared dead (seen by {witness.Name})");
            await recorder.WhenAsync(r => r.Acknowledged > acknowledged + 200, "200 more acknowledged operations after the death vote");
        }

        recorder.Fault($"SIGCONT {victim.Name}");
        await Signals.SendAsync(victim.Id, "CONT");
        var (continuedAt, writtenBefore) = (recorder.Now, recorder.Written);
        await recorder.WhenAsync(r => r.Written > writtenBefore + 100, $"100 writes once {victim.Name} continued");
        recorder.Fault($"100 writes made {(recorder.Now - continuedAt) / 1000} ms after SIGCONT{(victim.HasExited ? $"; {victim.Name} has exited" : "")}");
    }

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
