using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Smoke;

/// <summary>Each scenario end to end at a tiny size: it runs, writes every report field and its invariants hold. No timing is asserted.</summary>
[Collection(SmokeCollection.Name)]
public sealed class ScenarioSmokeTests : IDisposable
{
    private readonly CliRunner _files = new();

    [Fact]
    public async Task GrainsRunsTheMixAgainstAnInProcessSiloAndThePingBaseline()
    {
        var path = _files.ReportPath("grains");

        var (exitCode, output) = await CliRunner.RunAsync(
            "grains", "--regions", "20", "--concurrency", "8", "--duration", "2s", "--warmup", "500ms", "--rounds", "2",
            "--mix", "read=50,reserve=30,status=10,capacity=10", "--keys", "zipf", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "grains", "ping-grain");
        Assert.True(report.GetProperty("invariants").GetProperty("acknowledgedReservationsPresent").GetProperty("checked").GetInt64() > 0, "No reservation was acknowledged, so presence was not checked.");
        Assert.True(File.Exists(Path.ChangeExtension(path, ".md")));
        Assert.Contains("ping-grain 2/2", output, StringComparison.Ordinal);
        var details = report.GetProperty("details");
        Assert.True(details.GetProperty("cpuRatioToBaseline").GetDouble() > 0, "cpuRatioToBaseline is not a positive number.");
        Assert.True(details.GetProperty("storageBytesWrittenPerOperation").ValueKind is JsonValueKind.Number or JsonValueKind.Null, "storageBytesWrittenPerOperation is missing.");
        Assert.Equal("in-process silo", report.GetProperty("settings").GetProperty("cluster").GetString());
        ReportAssert.LatencyIsBrokenDownByOperation(report, "read", "reserve", "status", "capacity");
    }

    [Fact]
    public async Task GrainsRunsPlacementTwoPoolReservationsAndClaimsAndTheirChecksPass()
    {
        var path = _files.ReportPath("grains-claims");

        // Five consumers for eight callers: claims of one consumer often wait for each other.
        var (exitCode, output) = await CliRunner.RunAsync(
            "grains", "--regions", "20", "--concurrency", "8", "--duration", "2s", "--warmup", "500ms", "--rounds", "2", "--consumers", "5",
            "--mix", "read=10,status=5,place=15,reserve2=20,claim=15,claim2=10,claim3=15,footprint=10", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "grains", "ping-grain");
        ReportAssert.ClaimChecksPassed(report);
        ReportAssert.LatencyIsBrokenDownByOperation(report, "place", "reserve2", "claim", "claim2", "claim3", "footprint");
        Assert.Equal(5, report.GetProperty("settings").GetProperty("consumers").GetInt32());
    }

    [Fact]
    public async Task GrainsLoadsTheBaselineWithAnotherMixWhenAsked()
    {
        var path = _files.ReportPath("grains-baseline-mix");

        var (exitCode, output) = await CliRunner.RunAsync(
            "grains", "--regions", "10", "--concurrency", "4", "--duration", "1s", "--warmup", "0s", "--rounds", "2",
            "--mix", "reserve2=100", "--baseline-mix", "reserve=100", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "grains", "region-grain reserve=100");
        Assert.Contains("region-grain reserve=100 2/2", output, StringComparison.Ordinal);
        var invariants = report.GetProperty("invariants");
        Assert.Equal("passed", invariants.GetProperty("usagesMatchHolds").GetProperty("outcome").GetString());
        Assert.Equal("not applicable", invariants.GetProperty("claimsWhole").GetProperty("outcome").GetString());
        Assert.Contains("of both pools", invariants.GetProperty("acknowledgedReservationsPresent").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("reserve=100", report.GetProperty("settings").GetProperty("baselineMix").GetString());
    }

    [Fact]
    public async Task GrainsOpenLoopIssuesAtTheGivenRate()
    {
        var path = _files.ReportPath("grains-open");

        var (exitCode, output) = await CliRunner.RunAsync(
            "grains", "--regions", "10", "--rate", "200", "--duration", "2s", "--warmup", "0s", "--rounds", "1", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "grains", "ping-grain");
        Assert.Equal(400, report.GetProperty("operations").GetInt64());
        Assert.Equal("open", report.GetProperty("settings").GetProperty("loop").GetString());
    }

    [Fact]
    public async Task GrainsRampsTheOpenLoopRateThroughItsStages()
    {
        var path = _files.ReportPath("grains-stages");

        // 0 to 300/s over a second, then down to 0 over the next: 150 + 150 operations, each second with its half.
        var (exitCode, output) = await CliRunner.RunAsync(
            "grains", "--regions", "10", "--stages", "1s:300,1s:0", "--warmup", "0s", "--rounds", "1", "--mix", "read=100", "--storage", "memory", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        Assert.Equal(300, report.GetProperty("operations").GetInt64());
        Assert.Equal("1s:300,1s:0", report.GetProperty("settings").GetProperty("stages").GetString());
        Assert.Equal(2, report.GetProperty("settings").GetProperty("durationSeconds").GetDouble());
        Assert.InRange(report.GetProperty("durationSeconds").GetDouble(), 2, 3);
        var points = report.GetProperty("timeline").GetProperty("scenario").EnumerateArray()
            .Select(p => (Seconds: p.GetProperty("seconds").GetDouble(), Operations: p.GetProperty("operations").GetInt64())).ToList();
        Assert.Equal(300, points.Sum(p => p.Operations));

        // The ramp schedules 150 t² operations by t ≤ 1 s and 300 − 150 (2 − t)² by 1 s ≤ t ≤ 2 s. The timeline's first
        // interval ends at the sampler's first tick, which a busy machine can delay, so the check compares it with what
        // the ramp schedules in that interval's measured length rather than with a fixed 150.
        var first = points[0].Seconds;
        var scheduled = first <= 1 ? 150 * first * first : first >= 2 ? 300 : 300 - (150 * (2 - first) * (2 - first));
        Assert.True(
            Math.Abs(points[0].Operations - scheduled) <= 50,
            $"{points[0].Operations} operations in the first {first:0.###} s, where the ramp schedules {scheduled:0}; by interval: {string.Join(", ", points.Select(p => $"{p.Operations} in {p.Seconds:0.###} s"))}");
    }

    [Fact]
    public async Task GrainsChecksItsThresholdsAgainstTheReportAndAFailingOneEndsTheRunWithItsOwnExitCode()
    {
        var path = _files.ReportPath("grains-thresholds");

        // No run of a second can have a median above an hour (3600s), and the default mix does no capacity updates.
        var (exitCode, output) = await CliRunner.RunAsync(
            "grains", "--regions", "10", "--concurrency", "4", "--duration", "1s", "--warmup", "0s", "--rounds", "1", "--storage", "memory", "--no-live", "--report", path,
            "--threshold", "errors==0", "--threshold", "p50>3600s", "--threshold", "capacity.p99<1s");

        Assert.True(exitCode == ExitCodes.ThresholdFailed, output);
        var report = CliRunner.ReadReport(path);
        Assert.True(report.GetProperty("invariants").GetProperty("passed").GetBoolean(), output);
        var outcomes = report.GetProperty("thresholds").EnumerateArray()
            .Select(t => (t.GetProperty("threshold").GetString(), t.GetProperty("outcome").GetString()));
        Assert.Equal([("errors==0", "passed"), ("p50>3600s", "failed"), ("capacity.p99<1s", "not applicable")], outcomes);
        Assert.Contains("Thresholds FAILED: 2 of 3 did not pass", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoordinatorComparesTheStagedAggregationWithTheNaiveCoordinator()
    {
        var path = _files.ReportPath("coordinator");

        var (exitCode, output) = await CliRunner.RunAsync(
            "coordinator", "--regions", "20", "--rate", "300", "--concurrency", "16", "--duration", "2s", "--warmup", "0s", "--rounds", "2",
            "--ceiling-duration", "1s", "--probes", "2", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "coordinator", "naive-coordinator");
        var details = report.GetProperty("details");
        Assert.True(details.GetProperty("stalenessMs").GetProperty("count").GetInt64() > 0, "No staleness probe completed.");
        Assert.True(details.GetProperty("naiveCeilingPerSecond").GetDouble() > 0);
    }

    [Fact]
    public async Task ScaleActivatesSeededRegionsOnAFreshSiloAndReportsBytesPerActivation()
    {
        var path = _files.ReportPath("scale");

        var (exitCode, output) = await CliRunner.RunAsync("scale", "--regions", "200", "--concurrency", "32", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "scale", "ping-activation");
        Assert.Equal(200, report.GetProperty("operations").GetInt64());
        Assert.Equal(JsonValueKindNumber, report.GetProperty("details").GetProperty("bytesPerActivation").ValueKind);
        Assert.Equal(JsonValueKindNumber, report.GetProperty("details").GetProperty("partitionBytesPerRegion").ValueKind);
        Assert.Equal(JsonValueKindNumber, report.GetProperty("details").GetProperty("activationsAfterPartitionsLoaded").ValueKind);
        Assert.Equal(JsonValueKindNumber, report.GetProperty("details").GetProperty("paging").GetProperty("deepPageMs").GetProperty("p50").ValueKind);
        Assert.Contains("200 regions read", report.GetProperty("invariants").GetProperty("noOverReservation").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpRunsTheMixAgainstARealGatewayAndTheBareKestrelBaseline()
    {
        var (gateway, port) = StartGateway("gateway-data", "loadtest-http-smoke");
        await using var _ = gateway;
        var path = _files.ReportPath("http");

        var (exitCode, output) = await CliRunner.RunAsync(
            "http", "--url", $"http://127.0.0.1:{port}", "--regions", "10", "--concurrency", "8", "--duration", "2s", "--warmup", "500ms", "--rounds", "2",
            "--mix", "read=60,reserve=20,release=10,status=5,capacity=5", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "http", "bare-kestrel");
        ReportAssert.LatencyIsBrokenDownByOperation(report, "read", "reserve", "release", "status", "capacity");
        var details = report.GetProperty("details");
        Assert.Equal(details.GetProperty("gatewayBodyBytes").GetInt32(), details.GetProperty("baselineBodyBytes").GetInt32());
    }

    [Fact]
    public async Task HttpRunsPlacementTwoPoolReservationsAndClaimsAndTheirChecksPass()
    {
        var (gateway, port) = StartGateway("gateway-claims-data", "loadtest-http-claims-smoke");
        await using var _ = gateway;
        var path = _files.ReportPath("http-claims");

        var (exitCode, output) = await CliRunner.RunAsync(
            "http", "--url", $"http://127.0.0.1:{port}", "--regions", "10", "--concurrency", "8", "--duration", "2s", "--warmup", "500ms", "--rounds", "2",
            "--consumers", "5", "--mix", "read=10,reserve=10,place=15,reserve2=20,claim=15,claim2=10,claim3=15,footprint=5", "--no-live", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "http", "bare-kestrel");
        ReportAssert.ClaimChecksPassed(report);
        ReportAssert.LatencyIsBrokenDownByOperation(report, "place", "reserve2", "claim", "claim2", "claim3", "footprint");
    }

    [Fact]
    public async Task EventsMeasuresWebhookDeliveriesAndStreamResumesAgainstARealGateway()
    {
        var (gateway, port) = StartGateway("gateway-events-data", "loadtest-events-smoke", allowLoopbackWebhooks: true);
        await using var _ = gateway;
        var path = _files.ReportPath("events");

        var (exitCode, output) = await CliRunner.RunAsync(
            "events", "--url", $"http://127.0.0.1:{port}", "--regions", "2", "--events", "40", "--concurrency", "4", "--resumes", "10", "--rounds", "2", "--report", path);

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        var rounds = report.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(2, rounds.Count);
        Assert.All(rounds, r =>
        {
            Assert.True(r.GetProperty("deliveriesPerSecond").GetDouble() > 0, r.ToString());
            Assert.True(r.GetProperty("resume").GetProperty("p50").GetDouble() > 0, r.ToString());
            Assert.True(r.GetProperty("read").GetProperty("p50").GetDouble() > 0, r.ToString());
        });
        Assert.Equal(0, report.GetProperty("badSignatures").GetInt32());
    }

    [Fact]
    public async Task EventsStopsWithWhatToSetWhenTheGatewayRefusesAWebhookTargetOnLoopback()
    {
        var (gateway, port) = StartGateway("gateway-events-refused-data", "loadtest-events-refused");
        await using var _ = gateway;

        var (exitCode, output) = await CliRunner.RunAsync(
            "events", "--url", $"http://127.0.0.1:{port}", "--regions", "1", "--events", "5", "--resumes", "1", "--rounds", "1");

        Assert.Equal(RegionGrains.LoadTest.ExitCodes.TargetUnavailable, exitCode);
        Assert.Contains("target.url", output, StringComparison.Ordinal);
        Assert.Contains("AllowedTargets", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedLeavesItsRegionsForAGatewayStartedOnTheDataDirectoryWhichListsEachOnce()
    {
        var data = _files.Folder("seeded");

        var (exitCode, output) = await CliRunner.RunAsync("seed", "--regions", "300", "--data-dir", data);

        Assert.True(exitCode == 0, output);
        var tag = System.Text.RegularExpressions.Regex.Match(output, @"lt-([a-z0-9]+)-0\s").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(tag), output);
        await using var gateway = new WebApplicationFactory<global::Program>().WithWebHostBuilder(web => web
            .UseSetting("RegionGrains:DataDirectory", data)
            .UseSetting("RegionGrains:ServiceId", RegionGrains.LoadTest.Commands.SeedCommand.ServiceId)
            .UseSetting("RegionGrains:ClusterId", "loadtest-seed-smoke")
            .UseSetting("RegionGrains:Catalog:Seed", "false"));
        using var client = gateway.CreateClient();

        // Pages of 7 through the Link headers: the partitions of the gateway's own silo know the regions only from
        // what the seeding silo stored.
        var listed = new List<string>();
        for (var next = "/api/regions?limit=7"; next is not null;)
        {
            using var response = await client.GetAsync(next);
            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            listed.AddRange(page.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('<', '>')[1] : null;
            Assert.True(listed.Count <= 1_000, "The walk should end.");
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"lt-{tag}-{i}").Order(StringComparer.Ordinal), listed);
    }

    public void Dispose() => _files.Dispose();

    private const System.Text.Json.JsonValueKind JsonValueKindNumber = System.Text.Json.JsonValueKind.Number;

    private (WebApplicationFactory<global::Program> Gateway, int Port) StartGateway(string folder, string clusterId, bool allowLoopbackWebhooks = false) =>
        TestGateway.Start(_files.Folder(folder), clusterId, allowLoopbackWebhooks);
}
