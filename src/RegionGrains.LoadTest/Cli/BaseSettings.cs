using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options every scenario has.</summary>
public class BaseSettings : CommandSettings
{
    [CommandOption("--report <FILE>")]
    [Description("Write the results as JSON to FILE, and a Markdown summary beside it (FILE with .md).")]
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

    [CommandOption("--verbose")]
    [Description("Log Orleans and the silo at Information level (to standard error).")]
    public bool Verbose { get; set; }

    public override ValidationResult Validate()
    {
        if (SettleTimeout <= TimeSpan.Zero || SettleTimeout > TimeSpan.FromMinutes(10))
        {
            return ValidationResult.Error("--settle-timeout must be above 0 and at most 10m.");
        }

        return ValidationResult.Success();
    }
}
