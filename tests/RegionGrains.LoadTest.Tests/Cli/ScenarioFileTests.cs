using RegionGrains.LoadTest.Cli;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Cli;

public sealed class ScenarioFileTests : IDisposable
{
    private readonly CliRunner _files = new();

    [Fact]
    public void TheSampleScenarioBecomesItsCommandAndOptionsAndTheCommandLineWinsOverIt()
    {
        var expanded = ScenarioFile.Expand(["--scenario", Repository.SampleScenario, "--rounds", "1", "-c", "8", "--threshold", "errors==0"]);

        Assert.Equal("grains", expanded[0]);
        var options = string.Join(' ', expanded);
        Assert.Contains("--mix read=80,reserve=15,status=5", options, StringComparison.Ordinal);
        Assert.Contains("--zipf-exponent 1.1", options, StringComparison.Ordinal);
        Assert.Contains("--stages 5s:2000,10s:8000,5s:0", options, StringComparison.Ordinal);
        // Given on the command line, so the file's are left out: the rounds, the concurrency (by its short name) and every threshold.
        Assert.Equal(1, expanded.Count(a => a == "--rounds"));
        Assert.DoesNotContain("--concurrency", expanded);
        Assert.Equal(["errors==0"], expanded.Where((_, i) => i > 0 && expanded[i - 1] == "--threshold"));
        Assert.EndsWith("--rounds 1 -c 8 --threshold errors==0", options, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScenarioFileNamesItsAgentsAsAList()
    {
        var path = _files.ReportPath("agents");
        await File.WriteAllTextAsync(path, """{ "command": "grains", "cluster": true, "agents": ["10.0.0.5:7301", "10.0.0.6:7301"] }""");

        var expanded = ScenarioFile.Expand(["--scenario", path]);

        Assert.Equal(["grains", "--cluster", "--agents", "10.0.0.5:7301,10.0.0.6:7301"], expanded.Take(4));
    }

    [Theory]
    [InlineData("""{ "command": "grains", "durations": "5s" }""", "unknown key 'durations' for grains; did you mean 'duration'?")]
    [InlineData("""{ "command": "grains", "url": "http://127.0.0.1:5080" }""", "unknown key 'url' for grains")]
    [InlineData("""{ "command": "scale" }""", "scale takes no scenario file")]
    [InlineData("""{ "regions": 10 }""", "it names no command")]
    [InlineData("""{ "command": "grains", "stages": [{ "duration": "5s" }] }""", "each of 'stages' needs 'target'")]
    [InlineData("""{ "command": "grains", "noLive": "yes" }""", "'noLive' is a switch: true or false")]
    [InlineData("""{ "command": "grains", "regions": 10, }  x""", "line 1:")]
    [InlineData("""{ "command": "grains", "rate": 100, "stages": "5s:lots" }""", "--stages: '5s:lots': 'lots' is not a rate")]
    public async Task AScenarioFileTheCommandCannotTakeIsRefusedBeforeAnythingRunsNamingWhy(string json, string reason)
    {
        var path = _files.ReportPath("scenario");
        await File.WriteAllTextAsync(path, json);

        var (exitCode, output) = await CliRunner.RunAsync("--scenario", path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScenarioForOneCommandIsRefusedForAnother()
    {
        var (exitCode, output) = await CliRunner.RunAsync("http", "--scenario", Repository.SampleScenario);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("it is a scenario for grains, not http", output, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
