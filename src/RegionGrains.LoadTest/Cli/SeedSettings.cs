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

        if (SettleTimeout <= TimeSpan.Zero || SettleTimeout > TimeSpan.FromMinutes(30))
        {
            return ValidationResult.Error("--settle-timeout must be above 0 and at most 30m.");
        }

        return Regions is < 1 or > RegionLoadSettings.MaxRegions
            ? ValidationResult.Error($"--regions must be from 1 to {RegionLoadSettings.MaxRegions}.")
            : ValidationResult.Success();
    }
}
