using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Smoke;

/// <summary>
/// Three runs of the sample scenario file (docs/scenarios), the command line shrinking it to two rounds of a second
/// at a steady 300/s: two of this build, and one slowed on purpose by the test-only --inject-delay. Made once for the
/// smoke collection: the comparison tests compare them, and the browser test opens the first one's HTML report.
/// </summary>
public sealed class SampleScenarioRuns : IAsyncLifetime, IDisposable
{
    /// <summary>Each run's rounds, and the seconds of each round.</summary>
    public const int Rounds = 2;

    public CliRunner Files { get; } = new();

    public string Before => Files.ReportPath("before");

    public string Again => Files.ReportPath("again");

    public string Slowed => Files.ReportPath("slowed");

    public async Task InitializeAsync()
    {
        await RunAsync(Before);
        await RunAsync(Again);
        // A second before each of the scenario's operations: p50 goes from a few milliseconds to over a second, a change
        // far beyond the spread of rounds even on a machine busy with other test projects.
        await RunAsync(Slowed, "--inject-delay", "1s");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Files.Dispose();

    private static async Task RunAsync(string report, params string[] more)
    {
        var (exitCode, output) = await CliRunner.RunAsync([
            "--scenario", Repository.SampleScenario, "--regions", "10", "--rate", "300", "--stages", "1s:300", "--rounds", $"{Rounds}", "--warmup", "0s",
            "--threshold", "errors==0", "--no-live", "--report", report, .. more]);
        Assert.True(exitCode == ExitCodes.Passed, output);
    }
}
