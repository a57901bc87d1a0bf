using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Compare;

/// <summary>
/// One metric of two runs: each run's median over its rounds, the relative change, and the noise it is judged
/// against: the larger of the two runs' spreads between rounds relative to their medians, at least the floor. A change
/// is no change when it is within that noise or when the two runs' ranges of rounds overlap (a round of one run did
/// as well as a round of the other).
/// </summary>
public sealed record MetricComparison(
    string Metric,
    string Unit,
    bool HigherIsBetter,
    double Before,
    double After,
    double Change,
    double Noise,
    IReadOnlyList<double> BeforeRounds,
    IReadOnlyList<double> AfterRounds)
{
    /// <summary>Why the metric is not judged (too few operations in a round for the percentile), or null.</summary>
    public string? NotJudged { get; init; }

    public bool RangesOverlap => BeforeRounds.Count > 0 && AfterRounds.Count > 0
        && BeforeRounds.Min() <= AfterRounds.Max() && AfterRounds.Min() <= BeforeRounds.Max();

    [JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
    public Verdict Verdict => NotJudged is not null ? Verdict.NotJudged
        : Math.Abs(Change) <= Noise || double.IsNaN(Change) || RangesOverlap ? Verdict.NoChange
        : (Change > 0) == HigherIsBetter ? Verdict.Improvement : Verdict.Regression;

    /// <summary>A regression larger than <paramref name="maxRegression"/> (a fraction: 0.1 is 10 %).</summary>
    public bool RegressedPast(double maxRegression) => Verdict == Verdict.Regression && Math.Abs(Change) > maxRegression;

    public string VerdictText => Verdict switch
    {
        Verdict.Improvement => "improvement",
        Verdict.Regression => "regression",
        Verdict.NotJudged => "not judged",
        _ => "no change",
    };
}
