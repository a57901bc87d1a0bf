using RegionGrains.HistoryChecking.Checking;
using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking;

/// <summary>
/// Checks a recording, prints the report, and keeps the history (JSON lines with the fault timeline) and the report as
/// files when it shows a violation or an undecided region; the report then names the path.
/// </summary>
public static class CheckRun
{
    /// <summary>Where histories are kept: TestResults/histories under the repository, or the temp folder outside it.</summary>
    public static string HistoryDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RegionGrains.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? Path.GetTempPath(), "TestResults", "histories");
    }

    public static HistoryReport CheckAndReport(RecordedHistory history, string name, Action<string> log, bool keepAlways = false)
    {
        var report = HistoryChecker.Check(history);
        if (report.HasViolation || report.HasUnknown || keepAlways || Environment.GetEnvironmentVariable("REGIONGRAINS_KEEP_HISTORIES") == "1")
        {
            var path = Path.Combine(HistoryDirectory(), $"{name}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}.jsonl");
            history.Save(path);
            report = report with { KeptAt = path };
            File.WriteAllText(Path.ChangeExtension(path, ".report.txt"), report.Describe());
        }

        log(report.Describe());
        return report;
    }
}
