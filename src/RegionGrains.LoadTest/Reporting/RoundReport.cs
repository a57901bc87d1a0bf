namespace RegionGrains.LoadTest.Reporting;

/// <summary>One measured round of one side: its throughput and latency, for the spread between rounds that <c>compare</c> reads as noise.</summary>
public sealed record RoundReport(int Round, double Seconds, long Operations, double ThroughputPerSecond, double P50, double P90, double P99);
