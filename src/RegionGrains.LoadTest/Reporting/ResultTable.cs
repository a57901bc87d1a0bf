using System.Globalization;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>The final table on the console, and the same rows for the Markdown summary.</summary>
public static class ResultTable
{
    public static IEnumerable<(string Name, string Value)> Rows(RunReport report)
    {
        yield return ("duration", F(report.DurationSeconds, "0.0") + " s");
        yield return ("operations", F(report.Operations, "N0"));
        yield return ("throughput", F(report.ThroughputPerSecond, "N0") + " ops/s");
        yield return ("latency p50 / p90 / p99 / p99.9 / max", $"{F(report.LatencyMs.P50, "0.00")} / {F(report.LatencyMs.P90, "0.00")} / {F(report.LatencyMs.P99, "0.00")} / {F(report.LatencyMs.P999, "0.00")} / {F(report.LatencyMs.Max, "0.00")} ms");
        if (report.LatencyByOperationMs is { Count: > 1 } byOperation)
        {
            yield return ("latency by operation, mean / p99", string.Join(" · ", byOperation.Select(o => $"{o.Key} {F(o.Value.Mean, "0.000")} / {F(o.Value.P99, "0.00")} ms")));
        }

        yield return ("errors", report.Errors.Count == 0 ? "0" : string.Join(", ", report.Errors.Select(e => $"{e.Key}: {e.Value}")));
        yield return ("refusals", report.Refusals.Count == 0 ? "0" : string.Join(", ", report.Refusals.Select(e => $"{e.Key}: {e.Value}")));
        yield return ("baseline", report.Baseline is { } b ? $"{b.Name}: {F(b.ThroughputPerSecond, "N0")} ops/s" : "none");
        yield return ("ratio to baseline", report.RatioToBaseline is { } r ? F(r, "0.000") : "-");
        yield return ("CPU per operation", F(report.CpuSecondsPerOperation * 1_000_000, "0.0") + " µs");
        yield return ("GC gen0 / gen1 / gen2", $"{report.GcCollections.Gen0} / {report.GcCollections.Gen1} / {report.GcCollections.Gen2}");
        yield return ("working set", F(report.WorkingSetBytes / 1024.0 / 1024.0, "N0") + " MiB");
        yield return ("invariants", report.Passed ? "passed" : "FAILED");
    }

    public static void Write(IAnsiConsole console, RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(report.Scenario)}[/]").AddColumns("metric", "value");
        foreach (var (name, value) in Rows(report))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        foreach (var (name, check) in report.Invariants.Checks)
        {
            var outcome = check.Passed switch { true => "[green]ok[/] ", false => "[red]FAILED[/] ", null => "[grey]not applicable[/] " };
            table.AddRow(Markup.Escape("  " + name), outcome + Markup.Escape(check.Detail));
        }

        foreach (var (name, value) in ReportWriter.Fields(report.Details).Where(f => f.Value != "-"))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        console.Write(table);
        if (report.Agents is { } agents)
        {
            var byAgent = new Table().Border(TableBorder.Rounded).Title("[bold]agents[/]").AddColumns([.. AgentTable.Header]);
            foreach (var row in AgentTable.Rows(agents))
            {
                byAgent.AddRow([.. row.Select(Markup.Escape)]);
            }

            console.Write(byAgent);
        }

        if (report.Thresholds.Count > 0)
        {
            var thresholds = new Table().Border(TableBorder.Rounded).Title("[bold]thresholds[/]").AddColumns("threshold", "outcome", "measured");
            foreach (var threshold in report.Thresholds)
            {
                var outcome = threshold.Passed switch { true => "[green]passed[/]", false => "[red]FAILED[/]", null => "[red]not applicable[/]" };
                thresholds.AddRow(Markup.Escape(threshold.Threshold), outcome, Markup.Escape(threshold.Detail));
            }

            console.Write(thresholds);
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
