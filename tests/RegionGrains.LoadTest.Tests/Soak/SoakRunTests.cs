using System.Text.Json;
using System.Text.RegularExpressions;
using RegionGrains.LoadTest.Soak;
using RegionGrains.LoadTest.Tests.Smoke;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Soak;

/// <summary>Short soaks end to end: the samples, their slopes, the charts, and the data check deciding the exit code.</summary>
[Collection(SmokeCollection.Name)]
public sealed partial class SoakRunTests : IDisposable
{
    private static readonly string[] Series = ["heapAfterGen2Bytes", "liveAfterGen2Bytes", "heapBytes", "p50Ms", "p99Ms", "operationsPerSecond", "openHandles", "dataBytes", "walBytes"];

    private readonly CliRunner _files = new();

    [Fact]
    public async Task AShortSoakSamplesEverySeriesFitsTheirSlopesAndChartsThem()
    {
        var path = _files.ReportPath("soak");

        var (exitCode, output) = await CliRunner.RunAsync(
            "soak", "--regions", "20", "--duration", "20s", "--sample-every", "2s", "--rate", "200", "--collect-gen2", "--no-live", "--report", path);

        var report = CliRunner.ReadReport(path);
        ReportAssert.HasEveryField(report);
        Assert.Equal("soak", report.GetProperty("scenario").GetString());
        // An open loop of 200/s for 20 s starts exactly 4,000 operations, and each is awaited.
        Assert.Equal(4_000, report.GetProperty("operations").GetInt64());
        Assert.Empty(report.GetProperty("errors").EnumerateObject());
        Assert.True(report.GetProperty("latencyByOperationMs").TryGetProperty("release", out _), "The soak's mix released nothing.");

        var details = report.GetProperty("details");
        Assert.Equal(JsonValueKind.Null, details.GetProperty("ceilingPerSecond").ValueKind);
        Assert.Equal(200, details.GetProperty("targetRatePerSecond").GetDouble());
        var samples = details.GetProperty("samples").EnumerateArray().ToList();
        Assert.True(samples.Count >= 8, $"{samples.Count} samples of 2 s in 20 s.");
        // Calls in flight at the end count in the run, not in a sample; a stall moves completions between samples.
        Assert.InRange(samples.Sum(s => s.GetProperty("operations").GetInt64()), 3_000, 4_000);
        Assert.All(samples, sample =>
        {
            Assert.True(sample.GetProperty("operationsPerSecond").GetDouble() > 0, sample.ToString());
            Assert.True(sample.GetProperty("p50Ms").GetDouble() > 0 && sample.GetProperty("p99Ms").GetDouble() >= sample.GetProperty("p50Ms").GetDouble(), sample.ToString());
            Assert.True(sample.GetProperty("heapAfterGen2Bytes").GetInt64() > 0, $"--collect-gen2 left an interval without a gen-2: {sample}");
            Assert.InRange(sample.GetProperty("liveAfterGen2Bytes").GetInt64(), 1, sample.GetProperty("heapAfterGen2Bytes").GetInt64());
            Assert.True(sample.GetProperty("heapBytes").GetInt64() > 0, sample.ToString());
            Assert.True(sample.GetProperty("dataBytes").GetInt64() > 0, sample.ToString());
            if (OperatingSystem.IsLinux())
            {
                Assert.True(sample.GetProperty("openHandles").GetInt32() > 0, sample.ToString());
            }
        });

        var trends = details.GetProperty("trends").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(Series, trends.Keys);
        Assert.All(Series.Where(s => s != "openHandles" || OperatingSystem.IsLinux()), name =>
        {
            Assert.Equal(samples.Count, trends[name].GetProperty("samples").GetInt32());
            Assert.Equal(JsonValueKind.Number, trends[name].GetProperty("slopePerHour").ValueKind);
            Assert.Equal(JsonValueKind.Number, trends[name].GetProperty("secondHalfSlopePerHour").ValueKind);
        });

        // The check's oracle, from the samples: the size at the end against the first sample from half the run on.
        var seconds = samples.Select(s => s.GetProperty("second").GetDouble()).ToList();
        var data = samples.Select(s => s.GetProperty("dataBytes").GetInt64()).ToList();
        var reference = seconds.FindIndex(s => s >= seconds[^1] / 2);
        var bounded = data[^1] <= DataGrowthCheck.DefaultMaxGrowth * data[reference];
        var invariants = report.GetProperty("invariants");
        Assert.Equal(bounded ? "passed" : "failed", invariants.GetProperty("dataFilesBounded").GetProperty("outcome").GetString());
        foreach (var check in new[] { "noOverReservation", "footprintMatchesRegions", "acknowledgedReservationsPresent" })
        {
            Assert.Equal("passed", invariants.GetProperty(check).GetProperty("outcome").GetString());
        }

        Assert.True(exitCode == (bounded ? ExitCodes.Passed : ExitCodes.Failed), output);

        var html = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".html"));
        foreach (var chart in new[] { "soak-heap", "soak-latency", "soak-throughput", "soak-handles", "soak-data" })
        {
            Assert.Contains($"data-chart=\"{chart}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("id=\"soak-trends\"", html, StringComparison.Ordinal);
        var drawn = PointCounts().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(drawn.Count >= 8 && drawn.All(n => n == samples.Count), $"points per line: {string.Join(", ", drawn)}; {samples.Count} samples");
    }

    [Fact]
    public async Task WithoutARateTheSoakRunsAtHalfTheCeilingItMeasuredFirst()
    {
        var path = _files.ReportPath("soak-ceiling");

        var (_, output) = await CliRunner.RunAsync(
            "soak", "--regions", "20", "--ceiling-duration", "2s", "--duration", "4s", "--sample-every", "1s", "--no-live", "--report", path);

        var report = CliRunner.ReadReport(path);
        var details = report.GetProperty("details");
        var ceiling = details.GetProperty("ceilingPerSecond").GetDouble();
        var rate = details.GetProperty("targetRatePerSecond").GetDouble();
        Assert.True(ceiling > 0, output);
        Assert.Equal(Math.Round(ceiling / 2), rate);
        Assert.Equal((long)(rate * 4), report.GetProperty("operations").GetInt64());
        Assert.Contains("half the ceiling", details.GetProperty("rateSource").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    [GeneratedRegex("<polyline class=\"series\" data-series=\"[^\"]*\" data-points=\"(\\d+)\" points=\"[^\"]*\" stroke=\"[^\"]*\" stroke-dasharray=\"[^\"]*\"><title>(?:after the interval|live after|after the latest|p50|p99|completed|/proc|database|-wal)")]
    private static partial Regex PointCounts();
}
