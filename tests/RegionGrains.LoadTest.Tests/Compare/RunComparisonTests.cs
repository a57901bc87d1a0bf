using System.Text.Json;
using RegionGrains.LoadTest.Compare;

namespace RegionGrains.LoadTest.Tests.Compare;

public sealed class RunComparisonTests
{
    [Fact]
    public void AChangeWithinTheRoundsSpreadIsNoChangeAndBeyondItIsJudgedByWhichWayIsBetter()
    {
        // Before: throughput rounds 900..1100 (spread 20 % of the median 1000); p50 1.0 ms in every round.
        var before = Report([900, 1000, 1100], [1.0, 1.0, 1.0], [0.5, 0.5, 0.5]);
        var after = Report([1050, 1100, 1150], [1.5, 1.5, 1.5], [0.6, 0.6, 0.6]);

        var comparison = RunComparison.Of("a", before, "b", after, minChange: 0.02);
        var byName = comparison.Metrics.ToDictionary(m => m.Metric);

        Assert.Equal(Verdict.NoChange, byName["throughput"].Verdict);
        Assert.Equal(0.1, byName["throughput"].Change, 6);
        Assert.Equal(0.2, byName["throughput"].Noise, 6);
        Assert.Equal(Verdict.Regression, byName["p50"].Verdict);
        Assert.Equal(0.5, byName["p50"].Change, 6);
        Assert.Equal(Verdict.Improvement, byName["ratio to baseline"].Verdict);
        Assert.Equal(["p50"], comparison.RegressionsPast(0.10).Select(m => m.Metric));
        Assert.Empty(comparison.RegressionsPast(0.60));
    }

    [Fact]
    public void RoundsThatAgreeByChanceStillNeedAChangePastTheFloor()
    {
        var before = Report([1000, 1000], [1.0, 1.0], [1.0, 1.0]);
        var after = Report([990, 990], [1.01, 1.01], [0.97, 0.97]);

        var comparison = RunComparison.Of("a", before, "b", after, minChange: 0.02);

        Assert.All(comparison.Metrics.Where(m => m.Metric != "ratio to baseline"), m => Assert.Equal(Verdict.NoChange, m.Verdict));
        Assert.Equal(Verdict.Regression, comparison.Metrics.Single(m => m.Metric == "ratio to baseline").Verdict);
        Assert.Contains("no change", CompareText.Overall(RunComparison.Of("a", before, "b", before, 0.02), 0.1), StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingRoundsAreNoChangeAndAPercentileOfTooFewOperationsIsNotJudged()
    {
        // The medians differ by 50 %, but a round of the second run did as well as one of the first.
        var before = Report([1000, 1000, 1500], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0], operations: 500);
        var after = Report([1400, 1500, 1600], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0], operations: 500);

        var comparison = RunComparison.Of("a", before, "b", after, minChange: 0.02);
        var byName = comparison.Metrics.ToDictionary(m => m.Metric);

        Assert.Equal(Verdict.NoChange, byName["throughput"].Verdict);
        Assert.Equal(Verdict.NoChange, byName["p50"].Verdict);
        Assert.Equal(Verdict.NotJudged, byName["p99"].Verdict);
        Assert.Contains("p99 not judged: a round of 500 operations, fewer than the 1,000 that leave 10 beyond it", comparison.Notes);
        Assert.Equal("no change: every difference is within the runs' own spread between rounds (p99 not judged)", CompareText.Overall(comparison, 0.1));
    }

    private static JsonElement Report(double[] throughput, double[] p50, double[] ratio, long operations = 10_000) => JsonSerializer.SerializeToElement(new
    {
        scenario = "grains",
        operations = operations * throughput.Length,
        settings = new { regions = 10 },
        throughputPerSecond = throughput.Average(),
        latencyMs = new { p50 = p50.Average(), p99 = 5.0 },
        ratioToBaseline = ratio.Average(),
        rounds = new
        {
            scenario = throughput.Select((t, i) => new { round = i + 1, operations, throughputPerSecond = t, p50 = p50[i], p99 = 5.0 }),
            ratioToBaseline = ratio,
        },
    });
}
