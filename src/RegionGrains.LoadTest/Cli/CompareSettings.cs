using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Arguments and options of <c>compare</c>.</summary>
public sealed class CompareSettings : CommandSettings
{
    [CommandArgument(0, "<BEFORE>")]
    [Description("The report of the run to compare against (JSON, as --report wrote it).")]
    public string Before { get; set; } = "";

    [CommandArgument(1, "<AFTER>")]
    [Description("The report of the run that may have changed.")]
    public string After { get; set; } = "";

    [CommandOption("--html <FILE>")]
    [Description("Also write the comparison as an HTML page to FILE.")]
    public string? Html { get; set; }

    [CommandOption("--max-regression <PERCENT>")]
    [Description("Exit 4 when a metric regressed by more than this many percent, beyond the runs' own spread between rounds.")]
    [DefaultValue(10.0)]
    public double MaxRegression { get; set; }

    [CommandOption("--min-change <PERCENT>")]
    [Description("The smallest change that counts, however close the rounds: two or three rounds can agree by chance more closely than two runs do.")]
    [DefaultValue(2.0)]
    public double MinChange { get; set; }

    public override ValidationResult Validate()
    {
        foreach (var path in new[] { Before, After })
        {
            if (!File.Exists(path))
            {
                return ValidationResult.Error($"No report at '{path}'.");
            }
        }

        return OptionRules.FirstError(
            OptionRules.Within("--min-change", MinChange, 0, 1_000, "(percent)"),
            OptionRules.Within("--max-regression", MaxRegression, 0, 10_000, "(percent)"));
    }
}
