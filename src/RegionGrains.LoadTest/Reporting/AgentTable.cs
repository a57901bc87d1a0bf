using System.Globalization;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>The per-agent breakdown as a table, for the HTML report, the Markdown summary and the console alike.</summary>
public static class AgentTable
{
    public static IReadOnlyList<string> Header { get; } =
        ["agent", "operations", "ops/s", "p50 ms", "p99 ms", "baseline ops/s", "ratio", "errors", "invariants", "clock offset ms", "started late ms"];

    public static IEnumerable<string[]> Rows(IEnumerable<AgentReport> agents) => agents.Select(a => new[]
    {
        a.Agent,
        N(a.Operations),
        N(a.ThroughputPerSecond),
        F(a.LatencyMs.P50),
        F(a.LatencyMs.P99),
        a.Baseline is { } b ? N(b.ThroughputPerSecond) : "-",
        a.RatioToBaseline is { } r ? F(r) : "-",
        N(a.Errors.Values.Sum()),
        a.InvariantsPassed ? "held" : "FAILED",
        F(a.ClockOffsetMs),
        F(a.StartedLateMs),
    });

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
