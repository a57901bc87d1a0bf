namespace RegionGrains.LoadTest.Thresholds;

/// <summary>What a threshold measures in a report; the latencies come first, in milliseconds.</summary>
public enum ThresholdMetric
{
    P50 = 0,
    P90 = 1,
    P99 = 2,
    P999 = 3,
    Max = 4,
    Mean = 5,

    /// <summary>Throughput against the baseline measured in the same run (<c>ratioToBaseline</c>).</summary>
    Ratio = 6,

    /// <summary>Faults counted by the run (<c>errors</c>, all kinds together); expected refusals are not faults.</summary>
    Errors = 7,

    /// <summary>Operations per second (<c>throughputPerSecond</c>).</summary>
    Throughput = 8,
}
