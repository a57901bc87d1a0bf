namespace RegionGrains.LoadTest.Reporting;

/// <summary>Each side's rounds, and the ratio of the scenario to the baseline round by round (null where the baseline completed nothing).</summary>
public sealed record RoundsReport(IReadOnlyList<RoundReport> Scenario, IReadOnlyList<RoundReport>? Baseline, IReadOnlyList<double?>? RatioToBaseline);
