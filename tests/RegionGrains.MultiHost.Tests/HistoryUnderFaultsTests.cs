using System.Diagnostics;
using RegionGrains.HistoryChecking;
using RegionGrains.HistoryChecking.Recording;
using RegionGrains.MultiHost.Tests.Infrastructure;

namespace RegionGrains.MultiHost.Tests;

/// <summary>
/// The history checker on a cluster of hosts of their own (3 silos, 2 gateways, the store), one concrete class per
/// store: 8 clients through both gateways run the recorder's mix on 4 hot regions while a fault schedule runs, and the
/// whole history must be linearizable per region and pass the weak checks (docs/consistency.md). One short
/// schedule per store (a partition of one silo from the others until the majority declares it dead, then healed:
/// both ways on PostgreSQL, one way on Redis); with <see cref="HistoryRunLength.Variable"/> set, the long schedules
/// repeat one fault each until that many seconds have passed and at least 10,000 operations are recorded. A failing
/// history is written under TestResults/histories with its fault timeline, and the failure names the path.
/// </summary>
public abstract class HistoryUnderFaultsTests(NetnsClusterFixture fixture, ITestOutputHelper output)
{
    private const int LongRunOperations = 10_000;

    /// <summary>How long a partition is held after the majority declared the silo dead, while it serves its regions.</summary>
    private static readonly TimeSpan HeldAfterDeath = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Duration = HistoryRunLength.Or(TimeSpan.Zero);

    /// <summary>postgres or redis, the start of the artifacts' names.</summary>
    protected abstract string Store { get; }

    /// <summary>Whether CI's short schedule partitions one way (else both ways).</summary>
    protected abstract bool ShortPartitionIsOneWay { get; }

    private int _gatewayKills;

    private NetnsCluster Cluster => fixture.Cluster;

    /// <summary>
    /// The short schedule, CI's: both ways on one store, one way on the other. While Orleans keeps two activations of
    /// a region after the death vote, reads stay linearizable because the silos confirm them with the journal
    /// (<c>RegionGrains:Regions:ConfirmReads</c>, on in the silo's appsettings.json; docs/consistency.md).
    /// </summary>
    [NetnsFact]
    public Task PartitioningASiloFromTheOthersLeavesALinearizableHistory() =>
        RunAsync(ShortPartitionIsOneWay ? "one-way-partition-short" : "partition-short", (recorder, regions) => PartitionAsync(recorder, regions, ShortPartitionIsOneWay, rejoin: false));

    [LongNetnsFact]
    public Task RepeatedPartitionsBothWaysLeaveALinearizableHistory() =>
        RunAsync("partition", RepeatedAsync((recorder, regions) => PartitionAsync(recorder, regions, oneWay: false, rejoin: true)));

    [LongNetnsFact]
    public Task RepeatedOneWayPartitionsLeaveALinearizableHistory() =>
        RunAsync("one-way-partition", RepeatedAsync((recorder, regions) => PartitionAsync(recorder, regions, oneWay: true, rejoin: true)));

    [LongNetnsFact]
    public Task RepeatedKillsOfASiloLeaveALinearizableHistory() =>
        RunAsync("kill-silo", RepeatedAsync(KillSiloAsync));

    [LongNetnsFact]
    public Task RepeatedKillsOfAGatewayLeaveALinearizableHistory() =>
        RunAsync("kill-gateway", RepeatedAsync(KillGatewayAsync));

    [LongNetnsFact]
    public Task RepeatedPausesOfASiloPastItsDeathVoteLeaveALinearizableHistory() =>
        RunAsync("pause", RepeatedAsync(PauseAsync));

    [LongNetnsFact]
    public Task RepeatedRollingRestartsLeaveALinearizableHistory() =>
        RunAsync("rolling-restart", RepeatedAsync(RollingRestartAsync));

    [LongNetnsFact]
    public Task RepeatedFullRestartsLeaveALinearizableHistory() =>
        RunAsync("full-restart", RepeatedAsync(FullRestartAsync));

    private async Task RunAsync(string name, Func<HistoryRecorder, IReadOnlyList<string>, Task> schedule)
    {
        await Cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        var gateways = Cluster.GatewayAddresses
            .Select((address, i) => new GatewayEndpoint($"g{i + 1}", new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }))
            .ToList();
        Assert.True(gateways.Count >= 2, $"The history must be recorded through at least two gateways; the cluster has {gateways.Count}.");
        try
        {
            var (recorder, regions) = await SetUpAsync(name, gateways);
            await ScheduledRecording.RunAsync(
                recorder,
                $"{Store}-{name}",
                TimeSpan.FromSeconds(2),
                () => schedule(recorder, regions),
                () => EveryGatewayServesAsync(gateways, regions),
                output.WriteLine);
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                gateway.Http.Dispose();
            }
        }
    }

    /// <summary>
    /// A recorder on 4 new hot regions. A cluster that has just started (or recovered) can answer a region's first
    /// writes 503 for a moment although every process is ready; the setup's status changes are not idempotent, so a
    /// failed setup starts again on new regions (at most 3 tries) rather than retrying the same ones.
    /// </summary>
    private async Task<(HistoryRecorder Recorder, IReadOnlyList<string> Regions)> SetUpAsync(string name, IReadOnlyList<GatewayEndpoint> gateways)
    {
        for (var attempt = 1; ; attempt++)
        {
            var key = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
            var regions = Enumerable.Range(0, 4).Select(i => $"{key}-{i}").ToList();
            var recorder = new HistoryRecorder(gateways, regions, new WorkloadOptions { Clients = 8, Seed = name.Length });
            try
            {
                await recorder.SetUpRegionsAsync();
                return (recorder, regions);
            }
            catch (Exception exception) when (attempt < 3)
            {
                output.WriteLine($"setting up {key}-* failed ({exception.Message.Split('\n')[0]}); again on new regions");
            }
        }
    }

    /// <summary>
    /// A long schedule: the fault again and again, with a few seconds of load between, until the requested length has
    /// passed and at least <see cref="LongRunOperations"/> operations are recorded (bounded: ten minutes more at most).
    /// </summary>
    private static Func<HistoryRecorder, IReadOnlyList<string>, Task> RepeatedAsync(Func<HistoryRecorder, IReadOnlyList<string>, Task> fault) =>
        async (recorder, regions) =>
        {
            var run = Stopwatch.StartNew();
            var cycles = 0;
            while (run.Elapsed < Duration || recorder.Count < LongRunOperations)
            {
                Assert.True(run.Elapsed < Duration + TimeSpan.FromMinutes(10), $"{recorder.Count} operations after {cycles} cycles in {run.Elapsed}: too slow to reach {LongRunOperations}.");
                await fault(recorder, regions);
                cycles++;
                var at = recorder.Now;
                await recorder.WhenAsync(r => r.Now > at + 5_000_000, "5 s of load after the fault");
            }

            recorder.Fault($"{cycles} cycles of the fault done");
        };

    /// <summary>
    /// Partitions the silo that holds the most hot regions from the other silos (the store and the gateways still
    /// reach it), until the majority declares it dead and a little longer; then heals. With <paramref name="rejoin"/>
    /// it then waits until a new process of that silo (its supervisor starts one when the old one stops itself) is
    /// Active and serving; without, the load runs 3 s more and the rejoin completes while the history is checked
    /// (CI's short schedule: a rejoin takes 20 to 25 s here).
    /// </summary>
    private async Task PartitionAsync(HistoryRecorder recorder, IReadOnlyList<string> regions, bool oneWay, bool rejoin)
    {
        var victim = await SiloHoldingMostAsync(regions);
        var witness = Enumerable.Range(1, Cluster.SiloCount).First(i => i != victim.Index);
        var address = (await Cluster.MembersAsync(victim.Index)).Self;
        var process = victim.Id;
        recorder.Fault($"partition {(oneWay ? "one way (its packets to them lost)" : "both ways")}: {victim.Name} ({address}, process {process}) from the other silos");
        await Cluster.PartitionAsync(victim.Index, oneWay);
        await DeclaredDeadAsync(recorder, victim, address, witness);
        var deadAt = recorder.Now;
        await recorder.WhenAsync(r => r.Now > deadAt + (long)HeldAfterDeath.TotalMicroseconds, $"{HeldAfterDeath.TotalSeconds} s of load after the death vote");
        await Cluster.HealAsync(victim.Index);
        recorder.Fault($"healed {victim.Name}");
        if (rejoin)
        {
            await ActiveAgainAsync(recorder, victim, address, witness);
            return;
        }

        var healedAt = recorder.Now;
        await recorder.WhenAsync(r => r.Now > healedAt + 3_000_000, "3 s of load after healing");
    }

    /// <summary>
    /// SIGSTOP of the silo that holds the most hot regions, until the others declare it dead and have acknowledged 200
    /// more operations; then SIGCONT, and waits until a new process of that silo is Active (the paused one learns it
    /// was declared dead and stops itself).
    /// </summary>
    private async Task PauseAsync(HistoryRecorder recorder, IReadOnlyList<string> regions)
    {
        var victim = await SiloHoldingMostAsync(regions);
        var witness = Enumerable.Range(1, Cluster.SiloCount).First(i => i != victim.Index);
        var address = (await Cluster.MembersAsync(victim.Index)).Self;
        recorder.Fault($"SIGSTOP {victim.Name} ({address}, process {victim.Id})");
        await Cluster.PauseAsync(victim.Index);
        await DeclaredDeadAsync(recorder, victim, address, witness);
        var acknowledged = recorder.Acknowledged;
        await recorder.WhenAsync(r => r.Acknowledged > acknowledged + 200, "200 more acknowledged operations after the death vote");
        recorder.Fault($"SIGCONT {victim.Name}");
        await Cluster.ResumeAsync(victim.Index);
        await ActiveAgainAsync(recorder, victim, address, witness);
    }

    /// <summary>
    /// <c>kill -9</c> of the silo that holds the most hot regions; waits until the others declare it dead and a new
    /// process of it (its supervisor starts one) is Active.
    /// </summary>
    private async Task KillSiloAsync(HistoryRecorder recorder, IReadOnlyList<string> regions)
    {
        var victim = await SiloHoldingMostAsync(regions);
        var witness = Enumerable.Range(1, Cluster.SiloCount).First(i => i != victim.Index);
        var address = (await Cluster.MembersAsync(victim.Index)).Self;
        recorder.Fault($"kill -9 {victim.Name} ({address}, process {victim.Id})");
        victim.Kill();
        await DeclaredDeadAsync(recorder, victim, address, witness);
        await ActiveAgainAsync(recorder, victim, address, witness);
    }

    /// <summary>
    /// <c>kill -9</c> of each gateway in turn, its clients' requests in flight cut off; waits until its supervisor's
    /// new process serves again.
    /// </summary>
    private async Task KillGatewayAsync(HistoryRecorder recorder, IReadOnlyList<string> regions)
    {
        var name = Cluster.GatewayNames.ElementAt(_gatewayKills++ % Cluster.GatewayCount);
        var process = Cluster.ProcessId(name);
        recorder.Fault($"kill -9 {name} (process {process})");
        await Cluster.KillGatewayAsync(name);
        await Eventually.Until(
            () => Task.FromResult(Cluster.ProcessId(name)),
            pid => pid is not null && pid != process,
            TimeSpan.FromSeconds(30),
            $"a new process of {name}",
            Cluster.Diagnostics);
        await Cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        recorder.Fault($"{name} serving again (process {Cluster.ProcessId(name)})");
    }

    private async Task DeclaredDeadAsync(HistoryRecorder recorder, NetnsSilo victim, string address, int witness)
    {
        await Eventually.Until(
            () => Cluster.MembersAsync(witness),
            view => view.Members.Any(m => m.Address == address && m.Status == "Dead"),
            TimeSpan.FromSeconds(45),
            $"silo-{witness} to see {victim.Name} ({address}) declared dead",
            Cluster.Diagnostics);
        recorder.Fault($"{victim.Name} declared dead (seen by silo-{witness})");
    }

    /// <summary>Waits until a new process of <paramref name="victim"/> (another address than <paramref name="address"/>) is Active.</summary>
    private async Task ActiveAgainAsync(HistoryRecorder recorder, NetnsSilo victim, string address, int witness)
    {
        await Eventually.Until(
            () => Cluster.MembersAsync(witness),
            view => view.Members.Any(m => m.Name == victim.Name && m.Address != address && m.Status == "Active"),
            TimeSpan.FromSeconds(90),
            $"a new {victim.Name} to join as Active",
            Cluster.Diagnostics);
        recorder.Fault($"{victim.Name} Active again (process {victim.Id})");

        // Active in the table comes before its HTTP port (and the gateways' lists) catch up; the next fault needs both.
        await Cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
    }

    private async Task RollingRestartAsync(HistoryRecorder recorder, IReadOnlyList<string> regions)
    {
        recorder.Fault("rolling restart: each silo in turn SIGTERM, started again, Active before the next");
        var script = await Cluster.RollingRestartAsync();
        output.WriteLine(script);
        recorder.Fault("rolling restart done");
    }

    private async Task FullRestartAsync(HistoryRecorder recorder, IReadOnlyList<string> regions)
    {
        recorder.Fault("kill -9 of every silo and gateway");
        Cluster.KillAll();
        recorder.Fault("cold restart: the store stopped, every namespace removed, then everything started again");
        await Cluster.RestartAsync();
        await Cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        recorder.Fault("cluster serving again");
    }

    /// <summary>Before the audit: each gateway answers a read of a hot region (retried while it answers 503).</summary>
    private static async Task EveryGatewayServesAsync(IReadOnlyList<GatewayEndpoint> gateways, IReadOnlyList<string> regions)
    {
        foreach (var gateway in gateways)
        {
            using var read = await gateway.Http.GetRetryingUnavailableAsync($"/api/regions/{regions[0]}", TimeSpan.FromSeconds(90));
            Assert.True(read.IsSuccessStatusCode, $"{gateway.Name} answered a read of {regions[0]} with {(int)read.StatusCode} before the audit: {await read.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The silo that holds the most of <paramref name="regions"/> (placement decides; the victim should matter).</summary>
    private async Task<NetnsSilo> SiloHoldingMostAsync(IReadOnlyList<string> regions)
    {
        var prefix = regions[0][..regions[0].LastIndexOf('-')];
        var counts = await Task.WhenAll(Enumerable.Range(1, Cluster.SiloCount).Select(async i => (Silo: Cluster.Silo(i), Count: await Cluster.Silo(i).CountRegionsAsync(prefix))));
        var victim = counts.MaxBy(c => c.Count);
        output.WriteLine($"victim {victim.Silo.Name} holds {victim.Count} of {regions.Count} hot regions");
        return victim.Silo;
    }
}
