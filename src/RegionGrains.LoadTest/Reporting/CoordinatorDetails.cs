namespace RegionGrains.LoadTest.Reporting;

/// <summary>The <c>coordinator</c> scenario's own figures; the ceiling fields are null when the ceiling phase is skipped.</summary>
public sealed record CoordinatorDetails(
    double TargetRate,
    double AchievedRate,
    double NaiveAchievedRate,
    double StalenessP99Ms,
    LatencySummary StalenessMs,
    LatencySummary NaiveStalenessMs,
    LatencySummary InternalStalenessMs,
    LatencyReport NaiveLatencyMs,
    IReadOnlyDictionary<string, long> NaiveErrors,
    double? CeilingPerSecond,
    double? NaiveCeilingPerSecond,
    LatencySummary? CeilingStalenessMs,
    LatencyReport? CeilingLatencyMs,
    LatencyReport? NaiveCeilingLatencyMs,
    long ProbeTimeouts,
    string StalenessNote);
