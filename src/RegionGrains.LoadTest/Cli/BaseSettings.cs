using System.ComponentModel;
using RegionGrains.LoadTest.Thresholds;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options every scenario has.</summary>
public class BaseSettings : CommandSettings
{
    [CommandOption("--report <FILE>")]
    [Description("Write the results as JSON to FILE, a Markdown summary (FILE with .md) and an HTML report with charts (FILE with .html) beside it.")]
    public string? Report { get; set; }

    [CommandOption("--settle-timeout <DURATION>")]
    [Description("Longest wait for the footprint to equal the sum of the regions after the run.")]
    [DefaultValue(typeof(TimeSpan), "00:00:30")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan SettleTimeout { get; set; }

    [CommandOption("--seed <N>")]
    [Description("Seed of the random choices of operations and keys.")]
    [DefaultValue(1)]
    public int Seed { get; set; }

    [CommandOption("--no-live")]
    [Description("Print one progress line per second instead of a live table.")]
    public bool NoLive { get; set; }

    [CommandOption("--threshold <EXPR>")]
    [Description("A condition the report must meet, e.g. 'p99<20ms'; repeatable. The run fails (exit 3) when one fails or does not apply: see THRESHOLDS below.")]
    public string[] Thresholds { get; set; } = [];

    [CommandOption("--verbose")]
    [Description("Log Orleans and the silo at Information level (to standard error).")]
    public bool Verbose { get; set; }

    /// <summary>The accepted command line, for the report (set by <see cref="UnknownOptionGuard"/>, not an option).</summary>
    public string? CommandLine { get; set; }

    public override ValidationResult Validate()
    {
        if (OptionRules.Positive("--settle-timeout", SettleTimeout, TimeSpan.FromMinutes(10)) is { } settle)
        {
            return ValidationResult.Error(settle);
        }

        foreach (var threshold in Thresholds)
        {
            if (!Threshold.TryParse(threshold, out _, out var error))
            {
                return ValidationResult.Error($"--threshold '{threshold}': {error}");
            }
        }

        return ValidationResult.Success();
    }

    public IReadOnlyList<Threshold> ParsedThresholds => [.. Thresholds.Select(Threshold.Parse)];
}
