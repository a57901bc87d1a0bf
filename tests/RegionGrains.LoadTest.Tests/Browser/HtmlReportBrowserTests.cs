using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegionGrains.LoadTest.Tests.Smoke;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Browser;

/// <summary>The HTML report of a real short run, opened in Chromium from the file alone.</summary>
[Collection(SmokeCollection.Name)]
public sealed partial class HtmlReportBrowserTests(SampleScenarioRuns runs)
{
    /// <summary>Where the screenshot goes: beside the test assembly, for a person to look at.</summary>
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private const string ReadCharts = """
        () => [...document.querySelectorAll('figure.chart')].map(f => ({
          id: f.id,
          caption: f.querySelector('figcaption').textContent,
          series: [...f.querySelectorAll('polyline.series')].map(p => ({ name: p.dataset.series, declared: Number(p.dataset.points), drawn: p.points.numberOfItems })),
        }))
        """;

    [BrowserFact]
    public async Task ARunsHtmlReportDrawsEachMeasuredSecondOfBothSidesWithoutConsoleErrorsOrRequestsLeavingTheMachine()
    {
        var path = runs.Before;
        const int Seconds = SampleScenarioRuns.Rounds;
        var html = Path.ChangeExtension(path, ".html");
        Assert.DoesNotMatch(ExternalReference(), await File.ReadAllTextAsync(html));
        var report = CliRunner.ReadReport(path);

        await using var browser = await ReportBrowser.StartAsync();
        await browser.Page.GotoAsync(new Uri(html).AbsoluteUri);
        var charts = (await browser.Page.EvaluateAsync<JsonElement>(ReadCharts)).EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);

        // The sample's mix: read=80,reserve=15,status=5.
        string[] overTime = ["throughput", "throughput-read", "latency-read", "throughput-reserve", "latency-reserve", "throughput-status", "latency-status", "cpu", "gc", "gc-pause"];
        Assert.Equal([.. overTime, "distribution"], charts.Keys);
        foreach (var id in overTime)
        {
            var series = charts[id].GetProperty("series").EnumerateArray().ToList();
            Assert.True(series.Count >= 2, $"{id} draws {series.Count} lines; the scenario and its baseline each have theirs.");
            Assert.Contains(series, s => s.GetProperty("name").GetString()!.StartsWith("baseline (ping-grain)", StringComparison.Ordinal));
            // The oracle is what the runs asked for: rounds of one second, so each side has a point per round.
            Assert.All(series, s => Assert.True(
                s.GetProperty("drawn").GetInt32() == Seconds && s.GetProperty("declared").GetInt32() == Seconds,
                $"{id}: {s}, expected {Seconds} points"));
        }

        var distribution = charts["distribution"].GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(report.GetProperty("latencyDistributionMs").GetProperty("scenario").GetArrayLength(), distribution[0].GetProperty("drawn").GetInt32());
        Assert.True(distribution[0].GetProperty("drawn").GetInt32() > 10, distribution[0].ToString());
        Assert.Contains($"p99 {Figure(report.GetProperty("latencyMs").GetProperty("p99"))} ms", charts["distribution"].GetProperty("caption").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"scenario \(grains\) [\d,]+/s mean, baseline \(ping-grain\) [\d,]+/s mean", charts["throughput"].GetProperty("caption").GetString());

        var invariants = await browser.Page.Locator("#invariants tr td:nth-child(2)").AllTextContentsAsync();
        Assert.Equal(report.GetProperty("invariants").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => p.Value.GetProperty("outcome").GetString()), invariants);
        Assert.Contains("--report", await browser.Page.Locator("#command-line").TextContentAsync(), StringComparison.Ordinal);
        Directory.CreateDirectory(ScreenshotDirectory);
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "report-light.png"), FullPage = true });

        await browser.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(20, 20, 20)", await browser.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "report-dark.png"), FullPage = true });

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.LeavingRequests);
    }

    private static string Figure(JsonElement value) => value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A script, style sheet, image or font the page would fetch from anywhere.</summary>
    [GeneratedRegex(@"(src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
