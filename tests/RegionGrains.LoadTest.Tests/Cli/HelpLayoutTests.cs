using System.ComponentModel;
using System.Reflection;
using RegionGrains.LoadTest.Cli;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace RegionGrains.LoadTest.Tests.Cli;

/// <summary>
/// Help stays readable on an 80-column terminal. The options are checked as a column: every description starts at
/// the same place with at least <see cref="MinimumDescriptionWidth"/> characters to its right, and reads, lines
/// joined, as its <c>[Description]</c> does, so no word was cut in two. (A minimum of text per line would not do:
/// the last line of a description is as short as it happens to be.)
/// </summary>
public sealed class HelpLayoutTests
{
    private const int Width = 80;
    private const int MinimumDescriptionWidth = 40;

    public static TheoryData<string, Type> Commands => new()
    {
        { "grains", typeof(GrainsSettings) },
        { "http", typeof(HttpSettings) },
        { "baseline-server", typeof(BaselineServerSettings) },
        { "scale", typeof(ScaleSettings) },
        { "seed", typeof(SeedSettings) },
        { "coordinator", typeof(CoordinatorSettings) },
        { "compare", typeof(CompareSettings) },
        { "soak", typeof(SoakSettings) },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task OptionDescriptionsKeepAColumnOfAtLeast40CharactersAt80(string command, Type settings)
    {
        var lines = await HelpAsync(command, "--help");

        var options = Section(lines, "OPTIONS");
        var column = options[0].IndexOf("Prints help information.", StringComparison.Ordinal);
        Assert.True(Width - column >= MinimumDescriptionWidth, $"The descriptions start at column {column}, leaving {Width - column} characters:\n{string.Join('\n', options)}");
        Assert.All(options, line =>
        {
            Assert.True(line.Length <= Width, $"'{line}' is wider than {Width}.");
            Assert.True(line[..column].Trim().Length == 0 || line.TrimStart().StartsWith('-'), $"'{line}' has text left of the descriptions.");
            Assert.True(line.Length > column && line[column] != ' ', $"'{line}' does not start its description at column {column}.");
        });

        foreach (var (longName, description) in Options(settings))
        {
            var text = DescriptionOf(options, column, longName);
            Assert.StartsWith(description.TrimEnd('.'), text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task DefaultsAreShownAsTheyAreTyped(string command, Type settings)
    {
        var lines = await HelpAsync(command, "--help");

        var options = string.Join('\n', Section(lines, "OPTIONS"));
        Assert.DoesNotContain("00:0", options, StringComparison.Ordinal);
        if (settings.IsAssignableTo(typeof(LoadSettings)))
        {
            Assert.Contains("Default: 30s.", options, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("grains", "--help")]
    [InlineData("baseline-server", "--help")]
    public async Task ALongExampleWrapsUnderItsOwnArguments(params string[] args)
    {
        var lines = await HelpAsync(args);

        var examples = Section(lines, "EXAMPLES");
        Assert.NotEmpty(examples);
        const string start = "    regiongrains-loadtest ";
        Assert.All(examples, line => Assert.True(
            line.StartsWith(start, StringComparison.Ordinal) || (line[..start.Length].Trim().Length == 0 && line[start.Length] != ' '),
            $"'{line}' is neither an example nor its continuation under the arguments."));
    }

    [Theory]
    [InlineData("grains", true)]
    [InlineData("http", true)]
    [InlineData("coordinator", true)]
    [InlineData("scale", true)]
    [InlineData("soak", true)]
    [InlineData("seed", false)]
    public async Task TheHelpExplainsThresholdsWhereTheyApplyAndEveryExitCode(string command, bool takesThresholds)
    {
        var lines = await HelpAsync(command, "--help");

        var thresholds = string.Join(' ', Section(lines, "THRESHOLDS").Select(l => l.Trim()));
        if (takesThresholds)
        {
            Assert.Contains("--threshold <EXPR>", string.Join('\n', lines), StringComparison.Ordinal);
            Assert.Contains("METRIC OP NUMBER", thresholds, StringComparison.Ordinal);
            Assert.Contains("reported not applicable", thresholds, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(thresholds);
        }

        var codes = Section(lines, "EXIT CODES").Where(l => !l.StartsWith("     ", StringComparison.Ordinal)).Select(l => int.Parse(l.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ExitCodes.Meanings.Select(m => m.Code), codes);
        Assert.Equal(
            [ExitCodes.Passed, ExitCodes.Failed, ExitCodes.TargetUnavailable, ExitCodes.ThresholdFailed, ExitCodes.Regression, ExitCodes.UsageError, ExitCodes.Stopped, ExitCodes.Fault],
            ExitCodes.Meanings.Select(m => m.Code));
    }

    private static async Task<List<string>> HelpAsync(params string[] args)
    {
        using var console = new TestConsole().Width(Width);
        var exitCode = await LoadTestApp.Create(console).RunAsync(args);
        Assert.Equal(0, exitCode);
        return [.. console.Output.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())];
    }

    /// <summary>The lines under a section's header, up to the blank line that ends it.</summary>
    private static List<string> Section(List<string> lines, string header) =>
        [.. lines.SkipWhile(l => l != header + ":").Skip(1).TakeWhile(l => l.Length > 0)];

    /// <summary>An option's description: its row and the continuation lines under it, joined by spaces.</summary>
    private static string DescriptionOf(List<string> options, int column, string longName)
    {
        var row = options.FindIndex(l => l[..column].Contains("--" + longName + " ", StringComparison.Ordinal) || l[..column].TrimEnd().EndsWith("--" + longName, StringComparison.Ordinal));
        Assert.True(row >= 0, $"--{longName} is not among the options.");
        var continuation = options.Skip(row + 1).TakeWhile(l => l[..column].Trim().Length == 0);
        return string.Join(' ', new[] { options[row] }.Concat(continuation).Select(l => l[column..]));
    }

    private static IEnumerable<(string LongName, string Description)> Options(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Option: p.GetCustomAttribute<CommandOptionAttribute>(), Description: p.GetCustomAttribute<DescriptionAttribute>()?.Description))
            .Where(p => p.Option is { IsHidden: false } && p.Description is not null)
            .Select(p => (p.Option!.LongNames[0], p.Description!));
}
