using System.Globalization;

namespace RegionGrains.LoadTest.Thresholds;

/// <summary>Checks thresholds against a finished run's report: the figures it records, as it records them.</summary>
public static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(IEnumerable<Threshold> thresholds, RunReport report) =>
        [.. thresholds.Select(t => Evaluate(t, report))];

    public static ThresholdResult Evaluate(Threshold threshold, RunReport report)
    {
        var (measured, notApplicable) = report.Operations == 0 ? (null, "the run measured no operation") : Measure(threshold, report);
        if (measured is not { } value)
        {
            return new ThresholdResult(threshold.Text, null, null, threshold.Unit, notApplicable);
        }

        var passed = threshold.IsMetBy(value);
        var comparison = $"{threshold.Symbol} {F(threshold.Limit)} {threshold.Unit}";
        return new ThresholdResult(threshold.Text, passed, value, threshold.Unit, $"{F(value)} {threshold.Unit}, {(passed ? "" : "not ")}{comparison}");
    }

    /// <summary>The value the threshold names, or why the report has none.</summary>
    private static (double? Value, string NotApplicable) Measure(Threshold threshold, RunReport report) => threshold.Metric switch
    {
        ThresholdMetric.Ratio => report.RatioToBaseline is { } ratio
            ? (ratio, "")
            : (null, report.Baseline is { } baseline ? $"the baseline ({baseline.Name}) completed no operation, so there is no ratio" : $"{report.Scenario} ran no baseline here, so there is no ratio"),
        ThresholdMetric.Errors => (report.Errors.Values.Sum(), ""),
        ThresholdMetric.Throughput => (report.ThroughputPerSecond, ""),
        _ => Latency(threshold, report),
    };

    private static (double? Value, string NotApplicable) Latency(Threshold threshold, RunReport report)
    {
        var kind = threshold.Operation?.ToString().ToLowerInvariant();
        if (kind is not null && report.LatencyByOperationMs is null)
        {
            return (null, $"{report.Scenario} does not measure latency by operation kind");
        }

        if (kind is not null && !report.LatencyByOperationMs!.ContainsKey(kind))
        {
            return (null, $"the run did no {kind} operation (it did {string.Join(", ", report.LatencyByOperationMs.Keys)})");
        }

        var latency = kind is null ? report.LatencyMs : report.LatencyByOperationMs![kind];
        return (threshold.Metric switch
        {
            ThresholdMetric.P50 => latency.P50,
            ThresholdMetric.P90 => latency.P90,
            ThresholdMetric.P99 => latency.P99,
            ThresholdMetric.P999 => latency.P999,
            ThresholdMetric.Max => latency.Max,
            _ => latency.Mean,
        }, "");
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
