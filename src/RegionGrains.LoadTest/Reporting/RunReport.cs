using RegionGrains.LoadTest.Thresholds;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>
/// The <c>--report</c> document, serialized as it is typed (camelCase). Field names are the report's published contract (docs/benchmarks.md);
/// <see cref="Refusals"/>, <see cref="Details"/>, <see cref="LatencyByOperationMs"/> and <see cref="Thresholds"/>
/// are additions (expected domain refusals, each scenario's own figures, latency per operation kind, and how the
/// run met each <c>--threshold</c>). <see cref="Settings"/> and <see cref="Details"/> hold the scenario's own typed records (for
/// instance <see cref="RegionLoadReportSettings"/> and <see cref="GrainsDetails"/>), written as their runtime type.
/// </summary>
public sealed record RunReport(
    string Scenario,
    object Settings,
    double DurationSeconds,
    long Operations,
    IReadOnlyDictionary<string, long> Errors,
    double ThroughputPerSecond,
    LatencyReport LatencyMs,
    BaselineReport? Baseline,
    double? RatioToBaseline,
    double CpuSecondsPerOperation,
    GcReport GcCollections,
    long WorkingSetBytes,
    InvariantResults Invariants,
    IReadOnlyDictionary<string, long> Refusals,
    object? Details,
    IReadOnlyDictionary<string, LatencyReport>? LatencyByOperationMs = null)
{
    /// <summary>The report's required fields, in their order; tests hold the report to them.</summary>
    public static IReadOnlyList<string> RequiredFields { get; } =
    [
        "scenario", "settings", "durationSeconds", "operations", "errors", "throughputPerSecond", "latencyMs",
        "baseline", "ratioToBaseline", "cpuSecondsPerOperation", "gcCollections", "workingSetBytes", "invariants",
    ];

    /// <summary>Each <c>--threshold</c> and how the run met it; empty when none was given.</summary>
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];

    /// <summary>Each measured second of both sides: operations and latency by kind, CPU and GC of the process.</summary>
    public TimelineReport? Timeline { get; init; }

    /// <summary>Each measured round of both sides, and their ratio round by round: the runs' own spread, which <c>compare</c> reads as noise.</summary>
    public RoundsReport? Rounds { get; init; }

    /// <summary>Each side's whole latency distribution, for the percentile plot.</summary>
    public DistributionReport? LatencyDistributionMs { get; init; }

    /// <summary>The command line that ran, as the load tester parsed it (a scenario file's options included).</summary>
    public string? CommandLine { get; init; }

    /// <summary>With <c>--agents</c>, each agent's share as it measured it; null for a run on one machine.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AgentReport>? Agents { get; init; }

    /// <summary>The machine the run ran on.</summary>
    public MachineReport? Machine { get; init; }

    /// <summary>Every invariant that applies held.</summary>
    public bool Passed => Invariants.Passed;

    /// <summary>Every threshold passed (one that did not apply did not).</summary>
    public bool ThresholdsPassed => Thresholds.All(t => t.Held);

    public static RunReport Create(
        string scenario,
        object settings,
        PhaseStats measured,
        PhaseStats? baseline,
        InvariantResults invariants,
        object? details = null)
    {
        var throughput = measured.ThroughputPerSecond;
        var baselineThroughput = baseline is { Operations: > 0 } ? baseline.ThroughputPerSecond : (double?)null;
        var usage = measured.Usage;
        return new RunReport(
            scenario,
            settings,
            Math.Round(measured.Elapsed.TotalSeconds, 3),
            measured.Operations,
            measured.Errors.Snapshot(),
            Math.Round(throughput, 1),
            LatencyReport.From(measured.Latency.Summarize()),
            baseline is null ? null : new BaselineReport(baseline.Name, Math.Round(baselineThroughput ?? 0, 1)),
            baselineThroughput is > 0 ? Math.Round(throughput / baselineThroughput.Value, 3) : null,
            measured.Operations == 0 ? 0 : usage.ProcessCpu.TotalSeconds / measured.Operations,
            new GcReport(usage.Gen0, usage.Gen1, usage.Gen2),
            Environment.WorkingSet,
            invariants,
            measured.Refusals.Snapshot(),
            details,
            ByOperation(measured))
        {
            Timeline = measured.Timeline.Count == 0 ? null : new TimelineReport(measured.Timeline, baseline?.Timeline),
            Rounds = measured.Rounds.Count == 0 ? null : new RoundsReport(measured.Rounds, baseline?.Rounds, baseline is null ? null : RatiosByRound(measured.Rounds, baseline.Rounds)),
            LatencyDistributionMs = measured.Operations == 0 ? null : new DistributionReport(measured.Latency.Distribution(), baseline?.Latency.Distribution()),
        };
    }

    private static List<double?> RatiosByRound(IReadOnlyList<RoundReport> measured, IReadOnlyList<RoundReport> baseline) =>
        [.. measured.Zip(baseline, (m, b) => b.ThroughputPerSecond > 0 ? Math.Round(m.ThroughputPerSecond / b.ThroughputPerSecond, 3) : (double?)null)];

    /// <summary>
    /// Each kind of operation the run recorded (read, reserve, …), one kind included, so that a threshold on a kind's
    /// latency applies to a run of that kind alone; null for a scenario that records no kinds (scale).
    /// </summary>
    private static Dictionary<string, LatencyReport>? ByOperation(PhaseStats measured)
    {
        var ran = Enum.GetValues<OperationKind>()
            .Select(kind => (Kind: kind, Summary: measured.LatencyByKind[(int)kind].Summarize()))
            .Where(k => k.Summary.Count > 0)
            .ToList();
        return ran.Count == 0 ? null : ran.ToDictionary(k => k.Kind.ToString().ToLowerInvariant(), k => LatencyReport.From(k.Summary));
    }
}

/// <summary>Latency percentiles and mean in milliseconds (HdrHistogram, 3 significant digits).</summary>
public sealed record LatencyReport(double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencyReport From(LatencySummary summary) => new(summary.P50, summary.P90, summary.P99, summary.P999, summary.Max, summary.Mean);
}

/// <summary>The baseline measured in the same run.</summary>
public sealed record BaselineReport(string Name, double ThroughputPerSecond);

/// <summary>Garbage collections during the measured phases.</summary>
public sealed record GcReport(int Gen0, int Gen1, int Gen2);
