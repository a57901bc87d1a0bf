namespace RegionGrains.LoadTest.Reporting;

/// <summary>
/// The whole run's latency distribution of each side, as HdrHistogram's percentile output gives it (5 steps per
/// halving of the distance to 100 %), for a percentile plot.
/// </summary>
public sealed record DistributionReport(IReadOnlyList<PercentilePoint> Scenario, IReadOnlyList<PercentilePoint>? Baseline);
