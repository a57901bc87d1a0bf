using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RegionGrains.LoadTest.Soak;

namespace RegionGrains.LoadTest.Reporting.Html;

/// <summary>
/// A report as one self-contained HTML page: the figures, charts over time and of the latency distribution (hand-drawn
/// SVG, no script), invariants, thresholds, rounds, the command line and the machine.
/// </summary>
public static class HtmlReport
{
    public static string Render(RunReport report)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Load test: {E(report.Scenario)}</h1>\n");
        body.Append(CultureInfo.InvariantCulture, $"<p>Invariants <span class=\"{(report.Passed ? "good" : "bad")}\" data-outcome=\"invariants\">{(report.Passed ? "held" : "FAILED")}</span>");
        if (report.Thresholds.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $" · thresholds <span class=\"{(report.ThresholdsPassed ? "good" : "bad")}\" data-outcome=\"thresholds\">{report.Thresholds.Count(t => t.Held)} of {report.Thresholds.Count} passed</span>");
        }

        body.Append("</p>\n");
        if (report.CommandLine is { } commandLine)
        {
            body.Append(CultureInfo.InvariantCulture, $"<pre id=\"command-line\">{E(commandLine)}</pre>\n");
        }

        body.Append("<h2>Results</h2>\n").Append(Table(["metric", "value"], ResultTable.Rows(report).Select(r => new[] { r.Name, r.Value })));
        if (report.Timeline is { } timeline)
        {
            body.Append("<h2>Over time</h2>\n<p class=\"muted\">One point per measured second of each side, the rounds end to end; the scenario is drawn solid, its baseline dashed.</p>\n<div class=\"charts\">\n");
            foreach (var chart in TimelineCharts.OverTime(report, timeline))
            {
                body.Append(chart);
            }

            body.Append("</div>\n");
        }

        if (report.Details is SoakDetails soak)
        {
            body.Append(SoakCharts.Section(soak));
        }

        if (report.LatencyDistributionMs is { } distribution)
        {
            body.Append("<h2>Latency distribution</h2>\n<div class=\"charts\">\n").Append(TimelineCharts.Distribution(report, distribution)).Append("</div>\n");
        }

        body.Append("<h2>Invariants</h2>\n").Append(Table(
            ["check", "outcome", "checked", "violations", "detail"],
            report.Invariants.Checks.Select(c => new[] { c.Name, c.Check.Outcome, N(c.Check.Checked), N(c.Check.Violations), c.Check.Detail }),
            "invariants"));
        if (report.Thresholds.Count > 0)
        {
            body.Append("<h2>Thresholds</h2>\n").Append(Table(["threshold", "outcome", "measured"], report.Thresholds.Select(t => new[] { t.Threshold, t.Outcome, t.Detail }), "thresholds"));
        }

        if (report.Rounds is { } rounds)
        {
            body.Append("<h2>Rounds</h2>\n").Append(Table(
                ["round", "scenario ops/s", "p50 ms", "p99 ms", "baseline ops/s", "p50 ms", "p99 ms", "ratio"],
                rounds.Scenario.Select((r, i) => new[]
                {
                    N(r.Round), N(r.ThroughputPerSecond), F(r.P50), F(r.P99),
                    rounds.Baseline?.ElementAtOrDefault(i) is { } b ? N(b.ThroughputPerSecond) : "-",
                    rounds.Baseline?.ElementAtOrDefault(i) is { } b50 ? F(b50.P50) : "-",
                    rounds.Baseline?.ElementAtOrDefault(i) is { } b99 ? F(b99.P99) : "-",
                    rounds.RatioToBaseline?.ElementAtOrDefault(i) is { } ratio ? F(ratio) : "-",
                }),
                "rounds"));
        }

        if (report.Agents is { } agents)
        {
            body.Append("<h2>Agents</h2>\n<p class=\"muted\">Each agent's share as it measured it; the results above are their histograms merged, not these averaged.</p>\n")
                .Append(Table(AgentTable.Header, AgentTable.Rows(agents), "agents"));
        }

        body.Append("<h2>Settings</h2>\n").Append(Table(["setting", "value"], ReportWriter.Fields(report.Settings).Select(f => new[] { f.Name, f.Value })));
        if (report.Details is not null)
        {
            body.Append("<h2>Details</h2>\n<pre>").Append(E(JsonSerializer.Serialize(report.Details, ReportWriter.Json))).Append("</pre>\n");
        }

        if (report.Machine is { } machine)
        {
            body.Append("<h2>Machine</h2>\n").Append(Table(["", ""], ReportWriter.Fields(machine).Select(f => new[] { f.Name, f.Value }), "machine"));
        }

        return HtmlPage.Render($"Load test: {report.Scenario}", body.ToString());
    }

    /// <summary>A table of strings, numbers aligned right.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<string[]> rows, string? id = null)
    {
        var html = new StringBuilder();
        html.Append(id is null ? "<table>" : $"<table id=\"{id}\">");
        html.Append("<tr>").Append(string.Concat(header.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>").Append(string.Concat(row.Select(cell =>
                double.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? $"<td class=\"num\">{E(cell)}</td>" : $"<td>{E(cell)}</td>"))).Append("</tr>\n");
        }

        return html.Append("</table>\n").ToString();
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
