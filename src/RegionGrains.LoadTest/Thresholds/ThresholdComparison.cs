namespace RegionGrains.LoadTest.Thresholds;

/// <summary>How a threshold compares the measured value with its limit.</summary>
public enum ThresholdComparison
{
    Less = 0,
    LessOrEqual = 1,
    Greater = 2,
    GreaterOrEqual = 3,
    Equal = 4,
}
