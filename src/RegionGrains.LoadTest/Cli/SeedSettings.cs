using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>seed</c>.</summary>
public sealed class SeedSettings : CommandSettings
{
    [CommandOption("-n|--regions <N>")]
    [Description("Regions to create (1 to 1000000).")]
    [DefaultValue(100_000)]
    public int Regions { get; set; }

    [CommandOption("--data-dir <DIR>")]
    [Description("The silo's data directory; kept afterwards, for a gateway started on it.")]
    public string? DataDirectory { get; set; }

    [CommandOption("--settle-timeout <DURATION>")]
    [Description("Longest wait, after the last region was created, for the footprint to count every region.")]
    [DefaultValue(typeof(TimeSpan), "00:02:00")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan SettleTimeout { get; set; }

    [CommandOption("--verbose")]
    [Description("Log Orleans and the silo at Information level (to standard error).")]
    public bool Verbose { get; set; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            return ValidationResult.Error("--data-dir is required: the directory the regions are stored in, kept after the run.");
        }

        return OptionRules.FirstError(
            OptionRules.Positive("--settle-timeout", SettleTimeout, TimeSpan.FromMinutes(30)),
            OptionRules.Within("--regions", Regions, 1, RegionLoadSettings.MaxRegions));
    }
}
