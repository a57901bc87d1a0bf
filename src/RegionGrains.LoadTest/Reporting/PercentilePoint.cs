namespace RegionGrains.LoadTest.Reporting;

/// <summary>A point of a latency distribution: <see cref="Ms"/> or less took <see cref="Percentile"/> % of the operations.</summary>
public sealed record PercentilePoint(double Percentile, double Ms);
