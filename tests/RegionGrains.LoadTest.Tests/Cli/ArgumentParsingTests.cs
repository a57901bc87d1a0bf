using RegionGrains.LoadTest.Cli;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Cli;

public sealed class ArgumentParsingTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("1.5s", 1.5)]
    [InlineData("45", 45)]
    [InlineData("00:01:30", 90)]
    public void DurationsAreReadAsPeopleWriteThem(string text, double seconds)
    {
        Assert.True(DurationConverter.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData(0.5, "500ms")]
    [InlineData(30, "30s")]
    [InlineData(90, "90s")]
    [InlineData(120, "2m")]
    [InlineData(3600, "1h")]
    [InlineData(1.5, "1500ms")]
    public void DurationsAreWrittenInTheLargestWholeUnitAndReadBack(double seconds, string text)
    {
        Assert.Equal(text, DurationConverter.Format(TimeSpan.FromSeconds(seconds)));
        Assert.True(DurationConverter.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    public void NonDurationsAreRefused(string text) => Assert.False(DurationConverter.TryParse(text, out _));

    [Theory]
    [InlineData("grains", "--regions", "5")]
    [InlineData("grains", "--regions", "1000001")]
    [InlineData("grains", "--mix", "read=80,write=20")]
    [InlineData("grains", "--duration", "0s")]
    [InlineData("grains", "--duration", "soon")]
    [InlineData("grains", "--concurrency", "0")]
    [InlineData("grains", "--rate", "-5")]
    [InlineData("grains", "--rounds", "0")]
    [InlineData("grains", "--keys", "pareto")]
    [InlineData("grains", "--gateway-port", "30000")]
    [InlineData("grains", "--cluster", "--gateway-port", "70000")]
    [InlineData("grains", "--cluster", "--storage", "memory")]
    [InlineData("grains", "--storage", "disk")]
    [InlineData("http", "--url", "http://10.0.0.5:5080")]
    [InlineData("http", "--url", "http://example.com")]
    [InlineData("http", "--url", "not a url")]
    [InlineData("scale", "--regions", "0")]
    [InlineData("scale", "--mode", "bogus")]
    [InlineData("seed", "--regions", "10")]
    [InlineData("seed", "--regions", "0", "--data-dir", "seeded")]
    [InlineData("coordinator", "--probes", "0")]
    [InlineData("coordinator", "--storage", "redis")]
    [InlineData("soak", "--duration", "15s", "--sample-every", "10s")]
    [InlineData("soak", "--max-data-growth", "0.5")]
    [InlineData("soak", "--mix", "release=0")]
    [InlineData("soak", "--duration", "1d")]
    [InlineData("nonsense")]
    public async Task InvalidArgumentsStopBeforeAnyLoadWithANonZeroExit(params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.StartsWith("Error: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsEveryScenario()
    {
        var (exitCode, output) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "grains", "http", "scale", "seed", "coordinator", "soak", "events", "compare", "agent" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GrainsHelpDocumentsTheScenarioOptions()
    {
        var (_, output) = await CliRunner.RunAsync("grains", "--help");

        foreach (var option in new[] { "--regions", "--concurrency", "--duration", "--warmup", "--mix", "--keys", "--rate", "--report", "--cluster" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HttpHelpDocumentsTheApiKeyOption()
    {
        var (_, output) = await CliRunner.RunAsync("http", "--help");

        Assert.Contains("--api-key", output, StringComparison.Ordinal);
        Assert.Contains(HttpSettings.ApiKeyVariable, output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApiKeyTravelsOnEveryRequestOfTheLoadClient()
    {
        using var keyed = RegionGrains.LoadTest.Targets.LoadHttpClient.Create(4, "lt-key");
        using var plain = RegionGrains.LoadTest.Targets.LoadHttpClient.Create(4);

        Assert.Equal(["lt-key"], keyed.DefaultRequestHeaders.GetValues("X-Api-Key"));
        Assert.False(plain.DefaultRequestHeaders.Contains("X-Api-Key"));
        Assert.Equal("from-option", new HttpSettings { ApiKey = "from-option" }.EffectiveApiKey);
    }

    [Fact]
    public void LoopbackAddressesAreTheOnlyHttpTargets()
    {
        Assert.True(Targets.LoadHttpClient.IsLoopback(new Uri("http://localhost:5080")));
        Assert.True(Targets.LoadHttpClient.IsLoopback(new Uri("http://127.0.0.1:5080")));
        Assert.True(Targets.LoadHttpClient.IsLoopback(new Uri("http://127.8.9.10:1")));
        Assert.True(Targets.LoadHttpClient.IsLoopback(new Uri("http://[::1]:5080")));
        Assert.False(Targets.LoadHttpClient.IsLoopback(new Uri("http://192.168.1.2:5080")));
        Assert.False(Targets.LoadHttpClient.IsLoopback(new Uri("http://example.com")));
    }
}
