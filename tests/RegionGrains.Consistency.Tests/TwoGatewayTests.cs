using RegionGrains.Consistency.Tests.Infrastructure;
using RegionGrains.HistoryChecking.Checking;
using RegionGrains.HistoryChecking.History;
using RegionGrains.HistoryChecking.Recording;

namespace RegionGrains.Consistency.Tests;

/// <summary>Recorded histories through two in-process gateways: one cluster, and two clusters on one journal file.</summary>
public sealed class TwoGatewayTests(ITestOutputHelper output)
{
    private const string Unfenced = "RegionGrains:Regions:Journal:UnfencedAppendsForFaultInjection";
    private const string ConfirmReads = "RegionGrains:Regions:ConfirmReads";

    [Fact]
    public async Task ConcurrentClientsThroughTwoGatewaysOfOneClusterLeaveALinearizableHistory()
    {
        var directory = EmbeddedGateway.NewDataDirectory();
        await using (var first = new EmbeddedGateway(directory, "one"))
        await using (var second = new EmbeddedGateway(directory, "one"))
        {
            var gateways = new[] { new GatewayEndpoint("g1", first.CreateClient()), new GatewayEndpoint("g2", second.CreateClient()) };
            var regions = Enumerable.Range(0, 3).Select(i => $"hot-{Guid.NewGuid():N}"[..12] + $"-{i}").ToList();
            var recorder = new HistoryRecorder(gateways, regions, new WorkloadOptions { Clients = 6 });
            await recorder.SetUpRegionsAsync();
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8)))
            {
                await recorder.RunAsync(stop.Token);
            }

            await recorder.AuditAsync();
            var report = CheckRun.CheckAndReport(recorder.Build(), "two-gateways", output.WriteLine);
            Assert.True(recorder.Count >= 1_000, $"Only {recorder.Count} operations were recorded.");
            Assert.False(report.HasViolation || report.HasUnknown, report.Describe());
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>
    /// Two clusters on one journal file stand for a silo that was declared dead but still holds its activation of a
    /// region: each cluster has an activation of it. The script is deterministic: the second activation reads, the
    /// first writes, then the second writes and reads, each side reading only after its own write (on main, a read
    /// through an activation that another one has overtaken is stale until its next write is refused and it reloads;
    /// see docs/consistency.md). On main the journal refuses each stale append and the history is linearizable; with
    /// the version check turned off the stale activation overwrites and the checker must say so.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStaleActivationIsCaughtExactlyWhenTheJournalVersionCheckIsOff(bool unfenced)
    {
        var report = await ScriptOnTwoClustersAsync(
            unfenced ? "stale-activation-unfenced" : "stale-activation",
            new Dictionary<string, string> { [Unfenced] = unfenced ? "true" : "false" },
            async (recorder, ga, gb, region) =>
            {
                await recorder.ReadRegionAsync(gb, "script", region);
                await recorder.ReserveAsync(ga, "script", region, "a1", 2);
                await recorder.ReserveAsync(ga, "script", region, "a2", 1);
                await recorder.ReadRegionAsync(ga, "script", region);
                await recorder.ReserveAsync(gb, "script", region, "b1", 3);
                await recorder.ReadRegionAsync(gb, "script", region);
                await recorder.ReserveAsync(ga, "script", region, "a3", 1);
                await recorder.ReadRegionAsync(ga, "script", region);
                await recorder.ReserveAsync(gb, "script", region, "b2", 1);
                await recorder.ReadRegionAsync(gb, "script", region);
                await recorder.ReadReservationAsync(gb, "script", region, "a1");
                await recorder.ReadReservationAsync(gb, "script", region, "a3");
            });

        Assert.True(report.HasViolation == unfenced, unfenced ? "The checker found no violation with the journal unfenced." : report.Describe());
    }

    /// <summary>
    /// The same two activations, read without writing first: the second activation reads, the first writes, and the
    /// second is read again, the region and the reservation just made. From memory that read is stale, and the checker
    /// must say so; with <c>RegionGrains:Regions:ConfirmReads</c> the stale activation finds the journal's head past its
    /// version, answers from the journal and deactivates, and the history is linearizable.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReadThroughAnOvertakenActivationIsFreshExactlyWhenReadsConfirmWithTheJournal(bool confirm)
    {
        var report = await ScriptOnTwoClustersAsync(
            confirm ? "overtaken-read-confirmed" : "overtaken-read",
            new Dictionary<string, string> { [ConfirmReads] = confirm ? "true" : "false" },
            async (recorder, ga, gb, region) =>
            {
                await recorder.ReadRegionAsync(gb, "script", region);
                await recorder.ReserveAsync(ga, "script", region, "a1", 2);
                await recorder.ReadRegionAsync(gb, "script", region);
                await recorder.ReadReservationAsync(gb, "script", region, "a1");
                await recorder.ReserveAsync(ga, "script", region, "a2", 1);
                await recorder.ReadReservationAsync(gb, "script", region, "a2");
                await recorder.ReadRegionAsync(gb, "script", region);
            });

        Assert.True(report.HasViolation != confirm, confirm ? report.Describe() : "The checker found no stale read through the overtaken activation.");
    }

    /// <summary>
    /// A refusal journals nothing, so the journal's version check cannot fence it: the second activation fills the pool,
    /// the first releases what it holds, and the second is asked for more than its memory says is free. From memory it
    /// refuses for capacity that the journal shows free, and the checker must say so; with
    /// <c>RegionGrains:Regions:ConfirmReads</c> a command reads the journal's head before it decides, the stale
    /// activation catches up, and the reservation is made.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARefusalByAnOvertakenActivationIsRightExactlyWhenCommandsConfirmWithTheJournal(bool confirm)
    {
        var refusals = 0;
        var report = await ScriptOnTwoClustersAsync(
            confirm ? "overtaken-refusal-confirmed" : "overtaken-refusal",
            new Dictionary<string, string> { [ConfirmReads] = confirm ? "true" : "false" },
            async (recorder, ga, gb, region) =>
            {
                await recorder.ReserveAsync(gb, "script", region, "b1", 9);
                await recorder.ReleaseAsync(ga, "script", region, "b1");
                var second = await recorder.ReserveAsync(gb, "script", region, "b2", 5);
                refusals += second.Outcome == Outcome.Fail ? 1 : 0;
                await recorder.ReadRegionAsync(ga, "script", region);
            });

        Assert.True(report.HasViolation != confirm, confirm ? report.Describe() : "The checker found no wrong refusal by the overtaken activation.");
        Assert.Equal(confirm ? 0 : 1, refusals);
    }

    /// <summary>
    /// Runs <paramref name="script"/> on one new region through two clusters on one journal file (a and b, each with
    /// its activation of the region) and checks the history; every operation must have an answer.
    /// </summary>
    private async Task<HistoryReport> ScriptOnTwoClustersAsync(
        string name,
        Dictionary<string, string> settings,
        Func<HistoryRecorder, GatewayEndpoint, GatewayEndpoint, string, Task> script)
    {
        var directory = EmbeddedGateway.NewDataDirectory();
        HistoryReport report;
        await using (var a = new EmbeddedGateway(directory, "split-a", settings))
        await using (var b = new EmbeddedGateway(directory, "split-b", settings))
        {
            var ga = new GatewayEndpoint("a", a.CreateClient());
            var gb = new GatewayEndpoint("b", b.CreateClient());
            var region = $"split-{Guid.NewGuid():N}"[..14];
            var recorder = new HistoryRecorder([ga, gb], [region], new WorkloadOptions());
            await recorder.SetUpRegionsAsync();
            await script(recorder, ga, gb, region);
            report = CheckRun.CheckAndReport(recorder.Build(), name, output.WriteLine);
        }

        Directory.Delete(directory, recursive: true);
        Assert.False(report.HasUnknown, report.Describe());
        return report;
    }
}
