using HdrHistogram;

namespace RegionGrains.LoadTest.Workload;

/// <summary>Percentiles of a latency histogram, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, long Count, double Mean = 0)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram) => histogram.TotalCount == 0
        ? Empty
        : new(
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()),
            histogram.TotalCount,
            Math.Round(histogram.GetMean() / 1000.0, 3));

    public static double P99Of(HistogramBase histogram) => histogram.TotalCount == 0 ? 0 : Ms(histogram.GetValueAtPercentile(99));

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
