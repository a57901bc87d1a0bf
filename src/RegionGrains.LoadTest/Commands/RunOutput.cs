using RegionGrains.LoadTest.Thresholds;

namespace RegionGrains.LoadTest.Commands;

/// <summary>What every scenario does with its console: progress while it runs, the table and report at the end.</summary>
public sealed class RunOutput(IAnsiConsole console, BaseSettings settings, IRunHooks? hooks = null)
{
    public IAnsiConsole Console { get; } = console;

    public LiveProgress Progress { get; } = new(console, console.Profile.Capabilities.Interactive && !settings.NoLive);

    public void Step(string message) => Console.MarkupLine($"[grey]{Markup.Escape(DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))}[/] {Markup.Escape(message)}");

    /// <summary>
    /// Said before a run creates regions in a cluster that outlives it: they stay, and count in its footprint.
    /// Regions cannot be deleted through the API, so the clean way is a target on its own data directory.
    /// </summary>
    public void WarnRegionsStay(RegionSet regions, string target) =>
        Console.MarkupLine(
            $"[yellow]This run leaves {regions.Count:N0} regions lt-{Markup.Escape(regions.RunTag)}-* in {Markup.Escape(target)}: they stay in its data and its footprint. " +
            "To keep them out of a database you care about, load a gateway or cluster started on a scratch data directory (RegionGrains__DataDirectory=./data/loadtest).[/]");

    /// <summary>
    /// Checks the thresholds against the report, shows the tables, writes the report files if asked; the exit code
    /// says whether the invariants held and then whether the thresholds passed.
    /// </summary>
    public async Task<int> FinishAsync(RunReport report, CancellationToken cancellationToken)
    {
        report = report with
        {
            Thresholds = ThresholdEvaluator.Evaluate(settings.ParsedThresholds, report),
            CommandLine = $"{LoadTestApp.Name} {settings.CommandLine}",
            Machine = MachineReport.Current(),
        };
        hooks?.Finished(report);
        ResultTable.Write(Console, report);
        if (settings.Report is { } path)
        {
            var written = await ReportWriter.WriteAsync(report, path, cancellationToken);
            Step($"Report written to {Path.GetFullPath(path)}, {written.Markdown} and {written.Html}");
        }

        if (!report.Passed)
        {
            Console.MarkupLine("[red]Invariants FAILED[/]");
        }

        if (!report.ThresholdsPassed)
        {
            Console.MarkupLine($"[red]Thresholds FAILED: {report.Thresholds.Count(t => !t.Held)} of {report.Thresholds.Count} did not pass[/]");
        }

        return !report.Passed ? ExitCodes.Failed : !report.ThresholdsPassed ? ExitCodes.ThresholdFailed : ExitCodes.Passed;
    }
}
