namespace RegionGrains.LoadTest.Reporting;

/// <summary>One kind of operation in one second of a timeline: how many completed, and their latency in milliseconds.</summary>
public sealed record IntervalLatency(long Count, double PerSecond, double P50, double P90, double P99, double Max);
