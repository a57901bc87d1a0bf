using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>What the scale scenario activates.</summary>
public enum ScaleMode
{
    /// <summary>Create the regions in a first silo, restart on the same storage, then activate them by reading: defined regions with state.</summary>
    Seeded = 0,

    /// <summary>Read regions that were never defined: the bare cost of a region activation with empty state.</summary>
    Empty = 1,
}

/// <summary>Options of <c>scale</c>.</summary>
public sealed class ScaleSettings : BaseSettings
{
    [CommandOption("-n|--regions <N>")]
    [Description("Regions to activate on the one silo (1 to 1000000).")]
    [DefaultValue(100_000)]
    public int Regions { get; set; }

    [CommandOption("-c|--concurrency <N>")]
    [Description("Activation calls in flight.")]
    [DefaultValue(256)]
    public int Concurrency { get; set; }

    [CommandOption("--mode <MODE>")]
    [Description("seeded: defined regions, activated on a restarted silo; empty: never-defined regions.")]
    [DefaultValue(ScaleMode.Seeded)]
    public ScaleMode Mode { get; set; }

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        return OptionRules.FirstError(
            OptionRules.Within("--regions", Regions, 1, RegionLoadSettings.MaxRegions),
            LoadSettings.ConcurrencyError(Concurrency));
    }
}
