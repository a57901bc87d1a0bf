using RegionGrains.LoadTest.Tests.Support;

namespace RegionGrains.LoadTest.Tests.Cli;

/// <summary>An option a command does not have stops the command line before anything runs, with one line naming it.</summary>
public sealed class UnknownOptionTests
{
    /// <summary>Each command with options that are otherwise valid, so that only the unknown option can refuse them.</summary>
    public static TheoryData<string[]> EveryCommand => new()
    {
        { ["grains", "--duration", "1s"] },
        { ["http", "--duration", "1s"] },
        { ["coordinator", "--duration", "1s"] },
        { ["scale", "--regions", "10"] },
        { ["seed", "--regions", "10", "--data-dir", Path.Combine(Path.GetTempPath(), "never-created")] },
        { ["baseline-server", "--body-from", "http://127.0.0.1:5080/api/regions/br-sao-paulo"] },
        { ["agent", "--listen", "127.0.0.1:7301"] },
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task AnUnknownOptionIsRefusedInOneLineNamingIt(string[] command)
    {
        var (exitCode, output) = await CliRunner.RunAsync([.. command, "--bogus-option", "5"]);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Equal($"Error: Unknown option '--bogus-option' for {command[0]}. 'regiongrains-loadtest {command[0]} --help' lists its options.", output.Trim());
    }

    [Theory]
    [InlineData("--durations", "--duration", "grains", "--durations", "1s")]
    [InlineData("--probe", "--probes", "coordinator", "--duration", "1s", "--probe", "2")]
    [InlineData("--api_key", "--api-key", "http", "--duration", "1s", "--api_key", "k")]
    [InlineData("--concurency", "--concurrency", "scale", "--regions", "10", "--concurency", "8")]
    public async Task AMisspeltOptionIsRefusedWithTheOneItResembles(string misspelt, string meant, params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains($"Unknown option '{misspelt}' for {args[0]}; did you mean '{meant}'?", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grains", "--duration", "1s", "--report")]
    [InlineData("http", "--duration", "1s", "--url")]
    public async Task AnOptionWithoutItsValueIsRefusedNotGivenAnInventedOne(params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains($"Option '{args[^1].TrimStart('-')}' is defined but no value has been provided.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArgumentsAfterADoubleDashAreRefused()
    {
        var (exitCode, output) = await CliRunner.RunAsync("grains", "--duration", "1s", "--", "--regions", "50");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("grains takes nothing after '--'", output, StringComparison.Ordinal);
    }
}
