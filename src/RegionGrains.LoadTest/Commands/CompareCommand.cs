using System.Text.Json;
using RegionGrains.LoadTest.Compare;

namespace RegionGrains.LoadTest.Commands;

/// <summary>Two reports' throughput, p50, p99 and ratio to baseline, with a verdict that allows for the runs' own noise.</summary>
public sealed class CompareCommand(IAnsiConsole console) : AsyncCommand<CompareSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var comparison = RunComparison.Of(Path.GetFileName(settings.Before), await ReadAsync(settings.Before, cancellationToken), Path.GetFileName(settings.After), await ReadAsync(settings.After, cancellationToken), settings.MinChange / 100);
        var maxRegression = settings.MaxRegression / 100;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("metric", "before", "after", "change", "noise", "verdict");
        foreach (var m in comparison.Metrics)
        {
            var verdict = m.Verdict switch
            {
                Verdict.Regression => $"[red]{m.VerdictText}[/]",
                Verdict.Improvement => $"[green]{m.VerdictText}[/]",
                _ => m.VerdictText,
            };
            table.AddRow(m.Metric, CompareText.Value(m.Before, m.Unit), CompareText.Value(m.After, m.Unit), CompareText.Percent(m.Change), "±" + CompareText.Percent(m.Noise)[1..], verdict);
        }

        console.Write(table);
        foreach (var note in comparison.Notes)
        {
            console.MarkupLine($"[grey]Note: {Markup.Escape(note)}[/]");
        }

        // Written, not rendered: a script greps this line, and Spectre would wrap it at the console's width.
        console.Profile.Out.Writer.WriteLine("Verdict: " + CompareText.Overall(comparison, maxRegression));
        if (settings.Html is { } html)
        {
            var full = Path.GetFullPath(html);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, ComparisonHtml.Render(comparison, maxRegression), cancellationToken);
            console.Profile.Out.Writer.WriteLine($"Comparison written to {full}");
        }

        return comparison.RegressionsPast(maxRegression).Any() ? ExitCodes.Regression : ExitCodes.Passed;
    }

    private static async Task<JsonElement> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
            return document.RootElement.TryGetProperty("scenario", out _) && document.RootElement.TryGetProperty("latencyMs", out _)
                ? document.RootElement.Clone()
                : throw new CommandLineException($"{path} is not a load test report (no scenario or latencyMs).");
        }
        catch (JsonException exception)
        {
            throw new CommandLineException($"{path} is not JSON: {exception.Message}");
        }
    }
}
