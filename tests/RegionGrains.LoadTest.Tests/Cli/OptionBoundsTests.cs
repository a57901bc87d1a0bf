using RegionGrains.LoadTest.Cli;
using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Cli;

/// <summary>
/// Every command refuses an option out of its bounds in the same words (<see cref="OptionRules"/>): the same option
/// refused by two commands reads alike, and the bounds named are the ones enforced.
/// </summary>
public sealed class OptionBoundsTests
{
    [Theory]
    [InlineData("--regions must be from 1 to 64.", "events", "--regions", "0")]
    [InlineData("--concurrency must be from 1 to 1024.", "events", "--concurrency", "1025")]
    [InlineData("--rounds must be from 1 to 100.", "events", "--rounds", "0")]
    [InlineData("--rounds must be from 1 to 100.", "grains", "--rounds", "101")]
    [InlineData("--rounds must be from 1 to 20.", "bulk", "--rounds", "21")]
    [InlineData("--concurrency must be from 1 to 10000.", "grains", "--concurrency", "0")]
    [InlineData("--concurrency must be from 1 to 10000.", "scale", "--concurrency", "10001")]
    [InlineData("--delivery-timeout must be above 0 and at most 1h.", "events", "--delivery-timeout", "0s")]
    [InlineData("--duration must be above 0 and at most 2h.", "grains", "--duration", "3h")]
    [InlineData("--warmup must be from 0 to 30m.", "grains", "--warmup", "31m")]
    [InlineData("--settle-timeout must be above 0 and at most 10m.", "grains", "--settle-timeout", "11m")]
    [InlineData("--ceiling-duration must be from 0 to 10m.", "coordinator", "--ceiling-duration", "11m")]
    [InlineData("--ceiling-duration must be from 1s to 10m.", "soak", "--ceiling-duration", "500ms")]
    [InlineData("--rate must be above 0 and at most 10000000 operations per second.", "grains", "--rate", "-5")]
    [InlineData("--zipf-exponent must be above 0 and at most 10.", "grains", "--zipf-exponent", "0")]
    [InlineData("--max-data-growth must be from 1 to 1000.", "soak", "--max-data-growth", "0.5")]
    [InlineData("--probes must be from 1 to 64.", "coordinator", "--probes", "65")]
    [InlineData("--gateway-port must be from 1 to 65535.", "grains", "--cluster", "--gateway-port", "70000")]
    public async Task AnOptionOutOfItsBoundsIsRefusedInTheSharedWords(string message, params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Equal("Error: " + message, output.Trim());
    }

    [Fact]
    public void TheFirstBrokenRuleIsTheOneReported()
    {
        var result = OptionRules.FirstError(
            OptionRules.Within("--a", 5, 1, 10),
            OptionRules.Within("--b", double.NaN, 0, 1, "(percent)"),
            OptionRules.Within("--c", 0, 1, 10));

        Assert.False(result.Successful);
        Assert.Equal("--b must be from 0 to 1 (percent).", result.Message);
        Assert.True(OptionRules.FirstError(null, OptionRules.Positive("--d", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1))).Successful);
    }
}
