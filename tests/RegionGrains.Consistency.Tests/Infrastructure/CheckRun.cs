using RegionGrains.Consistency.Tests.Checking;
using RegionGrains.Consistency.Tests.History;

namespace RegionGrains.Consistency.Tests.Infrastructure;

/// <summary>Checks a recording, prints the report, and keeps the history as a file when it shows a violation.</summary>
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

    public static HistoryReport CheckAndReport(RecordedHistory history, string name, ITestOutputHelper output, bool keepAlways = false)
    {
        var report = HistoryChecker.Check(history);
        output.WriteLine(report.Describe());
        if (report.HasViolation || report.HasUnknown || keepAlways || Environment.GetEnvironmentVariable("REGIONGRAINS_KEEP_HISTORIES") == "1")
        {
            var path = Path.Combine(HistoryDirectory(), $"{name}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}.jsonl");
            history.Save(path);
            File.WriteAllText(Path.ChangeExtension(path, ".report.txt"), report.Describe());
            output.WriteLine($"history written to {path} (report beside it)");
        }

        return report;
    }
}
