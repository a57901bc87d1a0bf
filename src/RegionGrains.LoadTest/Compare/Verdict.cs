namespace RegionGrains.LoadTest.Compare;

/// <summary>What a change of one metric between two runs amounts to.</summary>
public enum Verdict
{
    /// <summary>Within the runs' own variation between rounds (their ranges overlap, or the change is under the floor), or no figure to compare.</summary>
    NoChange = 0,

    /// <summary>Better by more than the runs' own variation.</summary>
    Improvement = 1,

    /// <summary>Worse by more than the runs' own variation.</summary>
    Regression = 2,

    /// <summary>A percentile the rounds hold too few operations to estimate (p99 of 300 calls is their third slowest).</summary>
    NotJudged = 3,
}
