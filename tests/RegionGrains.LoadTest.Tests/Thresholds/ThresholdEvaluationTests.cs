using System.Text.Json;
using RegionGrains.LoadTest.Invariants;
using RegionGrains.LoadTest.Reporting;
using RegionGrains.LoadTest.Tests.Support;
using RegionGrains.LoadTest.Thresholds;

namespace RegionGrains.LoadTest.Tests.Thresholds;

/// <summary>Thresholds against a report whose figures the test sets itself.</summary>
public sealed class ThresholdEvaluationTests : IDisposable
{
    private readonly CliRunner _files = new();

    [Theory]
    [InlineData("p50<2ms", true, 1.0)]
    [InlineData("p90>4ms", false, 4.0)]
    [InlineData("p99<20ms", true, 12.0)]
    [InlineData("p99<12ms", false, 12.0)]
    [InlineData("p99<=12ms", true, 12.0)]
    [InlineData("p99<0.01s", false, 12.0)]
    [InlineData("p99<12001us", true, 12.0)]
    [InlineData("p999>=30", true, 30.0)]
    [InlineData("max<50ms", false, 55.0)]
    [InlineData("mean==2.5ms", true, 2.5)]
    [InlineData("read.p99<5ms", true, 3.0)]
    [InlineData("reserve.p99<5ms", false, 9.0)]
    [InlineData("reserve.mean<=1ms", true, 1.0)]
    [InlineData("ratio>=0.5", true, 0.8)]
    [InlineData("ratio>0.8", false, 0.8)]
    [InlineData("errors==0", false, 3.0)]
    [InlineData("errors<5", true, 3.0)]
    [InlineData("throughput>=100", true, 100.0)]
    [InlineData("rps>100", false, 100.0)]
    public void AThresholdIsCheckedAgainstTheFigureTheReportRecords(string text, bool passed, double measured)
    {
        var result = ThresholdEvaluator.Evaluate(Threshold.Parse(text), Report());

        Assert.Equal(passed, result.Passed);
        Assert.Equal(passed ? "passed" : "failed", result.Outcome);
        Assert.Equal(passed, result.Held);
        Assert.Equal(measured, result.Measured);
        Assert.Equal(text, result.Threshold);
    }

    /// <summary>Reports that lack a figure, by what they lack.</summary>
    private static readonly Dictionary<string, RunReport> Lacking = new()
    {
        ["nothing"] = Report(),
        ["no baseline"] = Report() with { Baseline = null, RatioToBaseline = null },
        ["an empty baseline"] = Report() with { RatioToBaseline = null },
        ["no kinds"] = Report() with { Scenario = "scale", LatencyByOperationMs = null },
        ["no operation"] = Report() with { Operations = 0 },
    };

    [Theory]
    [InlineData("ratio>0.5", "no baseline", "grains ran no baseline here, so there is no ratio")]
    [InlineData("ratio>0.5", "an empty baseline", "the baseline (ping-grain) completed no operation, so there is no ratio")]
    [InlineData("capacity.p99<1s", "nothing", "the run did no capacity operation (it did read, reserve)")]
    [InlineData("read.p99<1s", "no kinds", "scale does not measure latency by operation kind")]
    [InlineData("p99<1s", "no operation", "the run measured no operation")]
    [InlineData("errors==0", "no operation", "the run measured no operation")]
    public void AThresholdOnAFigureTheRunDoesNotProduceIsNotApplicableAndDoesNotHold(string text, string lacking, string why)
    {
        var result = ThresholdEvaluator.Evaluate(Threshold.Parse(text), Lacking[lacking]);

        Assert.Null(result.Passed);
        Assert.Equal("not applicable", result.Outcome);
        Assert.False(result.Held);
        Assert.Null(result.Measured);
        Assert.Equal(why, result.Detail);
    }

    [Fact]
    public void ARunPassesItsThresholdsOnlyWhenEachOneHeld()
    {
        var report = Report();

        Assert.True(report.ThresholdsPassed);
        Assert.True((report with { Thresholds = ThresholdEvaluator.Evaluate([Threshold.Parse("p99<20ms"), Threshold.Parse("ratio>0.5")], report) }).ThresholdsPassed);
        Assert.False((report with { Thresholds = ThresholdEvaluator.Evaluate([Threshold.Parse("p99<20ms"), Threshold.Parse("p99<1ms")], report) }).ThresholdsPassed);
        Assert.False((report with { Thresholds = ThresholdEvaluator.Evaluate([Threshold.Parse("p99<20ms"), Threshold.Parse("capacity.p99<1s")], report) }).ThresholdsPassed);
    }

    [Fact]
    public async Task OutcomesAreRecordedInTheJsonReportAndItsSummary()
    {
        var path = _files.ReportPath("thresholds");
        var report = Report();
        report = report with { Thresholds = ThresholdEvaluator.Evaluate([Threshold.Parse("p99<20ms"), Threshold.Parse("errors==0"), Threshold.Parse("capacity.p99<1s")], report) };

        await ReportWriter.WriteAsync(report, path, CancellationToken.None);

        var thresholds = CliRunner.ReadReport(path).GetProperty("thresholds");
        Assert.Equal(["passed", "failed", "not applicable"], thresholds.EnumerateArray().Select(t => t.GetProperty("outcome").GetString()));
        var first = thresholds[0];
        Assert.Equal("p99<20ms", first.GetProperty("threshold").GetString());
        Assert.True(first.GetProperty("passed").GetBoolean());
        Assert.Equal(12.0, first.GetProperty("measured").GetDouble());
        Assert.Equal("ms", first.GetProperty("unit").GetString());
        Assert.Equal("12 ms, < 20 ms", first.GetProperty("detail").GetString());
        Assert.Equal("3 errors, not == 0 errors", thresholds[1].GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, thresholds[2].GetProperty("passed").ValueKind);
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".md"));
        Assert.Contains("| `p99<20ms` | passed | 12 ms, < 20 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `capacity.p99<1s` | **not applicable** |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AReportWithoutThresholdsRecordsAnEmptyList()
    {
        var json = JsonSerializer.SerializeToElement(Report(), ReportWriter.Json);

        Assert.Equal(JsonValueKind.Array, json.GetProperty("thresholds").ValueKind);
        Assert.Empty(json.GetProperty("thresholds").EnumerateArray());
    }

    public void Dispose() => _files.Dispose();

    /// <summary>A grains run of reads and reservations: 1,000 operations, 3 faults, 0.8 × its ping baseline.</summary>
    private static RunReport Report() => new(
        "grains",
        new Dictionary<string, object?>(),
        DurationSeconds: 10,
        Operations: 1_000,
        Errors: new Dictionary<string, long> { ["TimeoutException"] = 2, ["http503"] = 1 },
        ThroughputPerSecond: 100,
        LatencyMs: new LatencyReport(P50: 1, P90: 4, P99: 12, P999: 30, Max: 55, Mean: 2.5),
        Baseline: new BaselineReport("ping-grain", 125),
        RatioToBaseline: 0.8,
        CpuSecondsPerOperation: 0.0001,
        GcCollections: new GcReport(0, 0, 0),
        WorkingSetBytes: 0,
        Invariants: new InvariantResults(new InvariantCheck(true, 1, 0, "ok"), new InvariantCheck(true, 1, 0, "ok"), new InvariantCheck(true, 1, 0, "ok")),
        Refusals: new Dictionary<string, long>(),
        Details: null,
        LatencyByOperationMs: new Dictionary<string, LatencyReport>
        {
            ["read"] = new(P50: 0.5, P90: 2, P99: 3, P999: 8, Max: 20, Mean: 0.8),
            ["reserve"] = new(P50: 0.9, P90: 5, P99: 9, P999: 25, Max: 55, Mean: 1),
        });
}
