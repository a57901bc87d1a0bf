using RegionGrains.LoadTest.Tests.Smoke;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Compare;

/// <summary>
/// <c>compare</c> on real runs, each from the sample scenario file with the command line shrinking it to two rounds of
/// a second at a steady 300/s: two runs of this build, and one slowed on purpose by the test-only --inject-delay.
/// </summary>
[Collection(SmokeCollection.Name)]
public sealed class CompareRunsTests(CompareRunsTests.Runs runs) : IClassFixture<CompareRunsTests.Runs>
{
    [Fact]
    public void TheRunsTookTheSampleScenarioFileWithTheCommandLineOverridingIt()
    {
        var report = CliRunner.ReadReport(runs.Before);
        var settings = report.GetProperty("settings");
        Assert.Equal("read=80,reserve=15,status=5", settings.GetProperty("mix").GetString());
        Assert.Equal(1.1, settings.GetProperty("zipfExponent").GetDouble());
        Assert.Equal("1s:300", settings.GetProperty("stages").GetString());
        Assert.Equal(10, settings.GetProperty("regions").GetInt32());
        Assert.Equal(["errors==0"], report.GetProperty("thresholds").EnumerateArray().Select(t => t.GetProperty("threshold").GetString()));
        Assert.Contains("--scenario", report.GetProperty("commandLine").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoRunsOfTheSameBuildCompareAsNoChange()
    {
        // Rounds of a second on a shared two-core machine: two runs a few seconds apart differ by more than their own
        // rounds do (the open loop's pacing rides on the timer), so the floor is wider than the default 2 %. p99 of
        // 300 operations a round is not judged at all.
        var (exitCode, output) = await CliRunner.RunAsync("compare", runs.Before, runs.Again, "--min-change", "25");

        Assert.True(exitCode == ExitCodes.Passed, output);
        Assert.Contains("Verdict: no change: every difference is within the runs' own spread between rounds (p99 not judged)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunSlowedOnPurposeComparesAsARegressionAndExitsWithItsCode()
    {
        var html = runs.Files.Folder("compare.html");

        var (exitCode, output) = await CliRunner.RunAsync("compare", runs.Before, runs.Slowed, "--html", html);

        Assert.True(exitCode == ExitCodes.Regression, output);
        Assert.Matches(@"│ p50\s+│[^│]+│[^│]+│ \+[\d.]+ %\s+│[^│]+│ regression", output);
        Assert.Contains("Verdict: regression past --max-regression 10 %: p50", output, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("data-outcome=\"compare\">regression past", page, StringComparison.Ordinal);
        Assert.Contains("<td>p50</td>", page, StringComparison.Ordinal);
    }

    /// <summary>The three runs, made once for the class.</summary>
    public sealed class Runs : IAsyncLifetime, IDisposable
    {
        public CliRunner Files { get; } = new();

        public string Before => Files.ReportPath("before");

        public string Again => Files.ReportPath("again");

        public string Slowed => Files.ReportPath("slowed");

        public async Task InitializeAsync()
        {
            await RunAsync(Before);
            await RunAsync(Again);
            // 20 ms before each of the scenario's operations: p50 goes from well under a millisecond to over 20.
            await RunAsync(Slowed, "--inject-delay", "20ms");
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => Files.Dispose();

        private static async Task RunAsync(string report, params string[] more)
        {
            var (exitCode, output) = await CliRunner.RunAsync([
                "--scenario", Repository.SampleScenario, "--regions", "10", "--rate", "300", "--stages", "1s:300", "--rounds", "2", "--warmup", "0s",
                "--threshold", "errors==0", "--no-live", "--report", report, .. more]);
            Assert.True(exitCode == ExitCodes.Passed, output);
        }
    }
}
