using RegionGrains.LoadTest.Tests.Smoke;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Compare;

/// <summary><c>compare</c> on real runs of the sample scenario: two of this build, and one slowed on purpose.</summary>
[Collection(SmokeCollection.Name)]
public sealed class CompareRunsTests(SampleScenarioRuns runs)
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
        // Which metric crosses the line first depends on how busy the machine was during the first run (the test projects
        // run side by side in CI); a second of delay on every operation always makes p50 one of them.
        Assert.Matches(@"Verdict: regression past --max-regression 10 %: [^\n]*p50", output);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("data-outcome=\"compare\">regression past", page, StringComparison.Ordinal);
        Assert.Contains("<td>p50</td>", page, StringComparison.Ordinal);
    }
}
