using System.Globalization;
using System.Net;
using System.Text;
using RegionGrains.LoadTest.Reporting.Html;

namespace RegionGrains.LoadTest.Compare;

/// <summary>A comparison as one offline HTML page: the table, and each metric's rounds in both runs.</summary>
public static class ComparisonHtml
{
    public static string Render(RunComparison comparison, double maxRegression)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Compare: {E(comparison.Before)} → {E(comparison.After)}</h1>\n");
        var past = comparison.RegressionsPast(maxRegression).ToList();
        body.Append(CultureInfo.InvariantCulture, $"<p>Verdict <span class=\"{(past.Count > 0 ? "bad" : "good")}\" data-outcome=\"compare\">{E(CompareText.Overall(comparison, maxRegression))}</span></p>\n");
        body.Append(HtmlReport.Table(
            ["metric", "before", "after", "change", "noise (± spread of rounds)", "verdict"],
            comparison.Metrics.Select(m => new[] { m.Metric, CompareText.Value(m.Before, m.Unit), CompareText.Value(m.After, m.Unit), CompareText.Percent(m.Change), "±" + CompareText.Percent(m.Noise)[1..], m.VerdictText }),
            "metrics"));
        if (comparison.Notes.Count > 0)
        {
            body.Append("<ul>").Append(string.Concat(comparison.Notes.Select(n => $"<li class=\"muted\">{E(n)}</li>"))).Append("</ul>\n");
        }

        body.Append("<h2>Rounds</h2>\n<div class=\"charts\">\n");
        foreach (var metric in comparison.Metrics)
        {
            var chart = new LineChart($"rounds-{metric.Metric.Replace(' ', '-')}", $"{metric.Metric}: {CompareText.Value(metric.Before, metric.Unit)} → {CompareText.Value(metric.After, metric.Unit)} ({metric.VerdictText})", "round", metric.Unit.Length > 0 ? metric.Unit : metric.Metric);
            chart.Series.Add(new ChartSeries("before", 0, ChartSeries.Solid, [.. metric.BeforeRounds.Select((v, i) => ((double)i + 1, v))]));
            chart.Series.Add(new ChartSeries("after", 1, ChartSeries.Dashed, [.. metric.AfterRounds.Select((v, i) => ((double)i + 1, v))]));
            body.Append(chart.Render());
        }

        body.Append("</div>\n");
        return HtmlPage.Render($"Compare {comparison.Before} and {comparison.After}", body.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
