using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Compare;

/// <summary>
/// One metric of two runs: each run's median over its rounds, the relative change, and the noise it is judged
/// against (the larger of the two runs' spreads between rounds, relative to their medians).
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
    [JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
    public Verdict Verdict => Math.Abs(Change) <= Noise || double.IsNaN(Change)
        ? Verdict.NoChange
        : (Change > 0) == HigherIsBetter ? Verdict.Improvement : Verdict.Regression;

    /// <summary>A regression larger than <paramref name="maxRegression"/> (a fraction: 0.1 is 10 %).</summary>
    public bool RegressedPast(double maxRegression) => Verdict == Verdict.Regression && Math.Abs(Change) > maxRegression;

    public string VerdictText => Verdict switch
    {
        Verdict.Improvement => "improvement",
        Verdict.Regression => "regression",
        _ => "no change",
    };
}
