namespace RegionGrains.HistoryChecking.Checking;

/// <summary>One region's verdicts: the linearizability search and the weak checks' findings.</summary>
public sealed record RegionReport(RegionCheckResult Linearizability, IReadOnlyList<string> WeakFindings);
