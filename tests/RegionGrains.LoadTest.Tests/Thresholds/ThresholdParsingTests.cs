using RegionGrains.LoadTest.Thresholds;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Tests.Thresholds;

public sealed class ThresholdParsingTests
{
    [Theory]
    [InlineData("p99<20ms", null, ThresholdMetric.P99, ThresholdComparison.Less, 20)]
    [InlineData("p50<=500us", null, ThresholdMetric.P50, ThresholdComparison.LessOrEqual, 0.5)]
    [InlineData("p90 < 1.5s", null, ThresholdMetric.P90, ThresholdComparison.Less, 1500)]
    [InlineData("p999<7", null, ThresholdMetric.P999, ThresholdComparison.Less, 7)]
    [InlineData("max<2µs", null, ThresholdMetric.Max, ThresholdComparison.Less, 0.002)]
    [InlineData("mean==3ms", null, ThresholdMetric.Mean, ThresholdComparison.Equal, 3)]
    [InlineData("read.p99<5ms", OperationKind.Read, ThresholdMetric.P99, ThresholdComparison.Less, 5)]
    [InlineData("READ.P99<5MS", OperationKind.Read, ThresholdMetric.P99, ThresholdComparison.Less, 5)]
    [InlineData("capacity.mean>0.1", OperationKind.Capacity, ThresholdMetric.Mean, ThresholdComparison.Greater, 0.1)]
    [InlineData("claim3.p99<50ms", OperationKind.Claim3, ThresholdMetric.P99, ThresholdComparison.Less, 50)]
    [InlineData("place.p50<2ms", OperationKind.Place, ThresholdMetric.P50, ThresholdComparison.Less, 2)]
    [InlineData("ratio>=0.5", null, ThresholdMetric.Ratio, ThresholdComparison.GreaterOrEqual, 0.5)]
    [InlineData("errors==0", null, ThresholdMetric.Errors, ThresholdComparison.Equal, 0)]
    [InlineData("throughput>10000", null, ThresholdMetric.Throughput, ThresholdComparison.Greater, 10000)]
    [InlineData(" rps >= 250 ", null, ThresholdMetric.Throughput, ThresholdComparison.GreaterOrEqual, 250)]
    public void AThresholdIsReadAsMetricComparisonAndLimitInTheReportsUnit(string text, OperationKind? operation, ThresholdMetric metric, ThresholdComparison comparison, double limit)
    {
        Assert.True(Threshold.TryParse(text, out var threshold, out var error), error);

        Assert.Equal(text.Trim(), threshold.Text);
        Assert.Equal(operation, threshold.Operation);
        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(comparison, threshold.Comparison);
        Assert.Equal(limit, threshold.Limit, precision: 9);
    }

    [Theory]
    [InlineData("", "not METRIC OP NUMBER")]
    [InlineData("p99", "not METRIC OP NUMBER")]
    [InlineData("p99 20ms", "not METRIC OP NUMBER")]
    [InlineData("p98<5ms", "'p98' is not a metric")]
    [InlineData("latency<5ms", "'latency' is not a metric")]
    [InlineData("p99.9<5ms", "write p99.9 as p999")]
    [InlineData("write.p99<5ms", "'write' is not an operation kind")]
    [InlineData("1.p99<5ms", "'1' is not an operation kind")]
    [InlineData("read.errors==0", "applies to latencies only")]
    [InlineData("read.ratio>1", "applies to latencies only")]
    [InlineData("a.b.p99<5", "not METRIC OP NUMBER")]
    [InlineData("p99=5ms", "'=' is not a comparison")]
    [InlineData("p99!=5ms", "'!=' is not a comparison")]
    [InlineData("p99<<5ms", "'<<' is not a comparison")]
    [InlineData("p99=>5ms", "'=>' is not a comparison")]
    [InlineData("p99<", "no number after <")]
    [InlineData("p99<ms", "no number after <")]
    [InlineData("p99<-5ms", "'-5ms' is not a number of 0 or more")]
    [InlineData("p99<1,5ms", "'1,5ms' is not a number")]
    [InlineData("p99<5min", "'min' is not a latency unit")]
    [InlineData("p99<5 kb", "'kb' is not a latency unit")]
    [InlineData("ratio>0.5x", "ratio is a plain number")]
    [InlineData("errors<1ms", "errors is a plain number")]
    [InlineData("rps>5k", "rps is a plain number")]
    public void AMalformedThresholdIsRefusedWithItsReason(string text, string reason)
    {
        Assert.False(Threshold.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ThresholdComparison.Less, 4.9, true)]
    [InlineData(ThresholdComparison.Less, 5, false)]
    [InlineData(ThresholdComparison.LessOrEqual, 5, true)]
    [InlineData(ThresholdComparison.LessOrEqual, 5.1, false)]
    [InlineData(ThresholdComparison.Greater, 5.1, true)]
    [InlineData(ThresholdComparison.Greater, 5, false)]
    [InlineData(ThresholdComparison.GreaterOrEqual, 5, true)]
    [InlineData(ThresholdComparison.GreaterOrEqual, 4.9, false)]
    [InlineData(ThresholdComparison.Equal, 5, true)]
    [InlineData(ThresholdComparison.Equal, 5.001, false)]
    public void EachComparisonHoldsExactlyWhereItSays(ThresholdComparison comparison, double measured, bool met) =>
        Assert.Equal(met, new Threshold("t", null, ThresholdMetric.P99, comparison, 5).IsMetBy(measured));

    [Theory]
    [InlineData("grains")]
    [InlineData("http")]
    [InlineData("coordinator")]
    [InlineData("scale")]
    public async Task AMalformedThresholdStopsTheCommandLineBeforeTheRun(string command)
    {
        var (exitCode, output) = await Support.CliRunner.RunAsync(command, "--threshold", "errors==0", "--threshold", "p99<<5");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Equal("Error: --threshold 'p99<<5': '<<' is not a comparison; use <, <=, >, >= or ==.", output.Trim());
    }
}
