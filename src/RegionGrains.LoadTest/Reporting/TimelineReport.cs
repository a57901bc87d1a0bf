namespace RegionGrains.LoadTest.Reporting;

/// <summary>The measured seconds of the scenario and of its baseline, each side's rounds end to end.</summary>
public sealed record TimelineReport(IReadOnlyList<TimelinePoint> Scenario, IReadOnlyList<TimelinePoint>? Baseline);
