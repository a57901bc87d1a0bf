using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Where region state lives during a coordinator run.</summary>
public enum StorageKind
{
    /// <summary>The real SQLite grain storage: every update is a durable write.</summary>
    Sqlite = 0,

    /// <summary>Orleans' in-memory storage: takes the disk out, so the aggregation itself is what is measured.</summary>
    Memory = 1,
}

/// <summary>Options of <c>coordinator</c>.</summary>
public sealed class CoordinatorSettings : LoadSettings
{
    public const double DefaultRate = 20_000;

    [CommandOption("-n|--regions <N>")]
    [Description("Regions that take the updates (10 to 1000000).")]
    [DefaultValue(1_000)]
    public int Regions { get; set; }

    [CommandOption("--probes <N>")]
    [Description("Probe regions that measure staleness concurrently: each sets a unique total and times until the footprint shows it.")]
    [DefaultValue(4)]
    public int Probes { get; set; }

    [CommandOption("--storage <STORAGE>")]
    [Description("sqlite: regions journal to the silo's configured provider (SQLite in a temporary data directory, or Redis when RegionGrains__Provider=Redis); memory: regions journal in memory, to take storage out of the measurement (the footprint's member lists stay in the configured provider).")]
    [DefaultValue(StorageKind.Sqlite)]
    public StorageKind Storage { get; set; }

    [CommandOption("--ceiling-duration <DURATION>")]
    [Description("Closed-loop phase per design after the rounds, to find the most updates per second each sustains; 0 skips it.")]
    [DefaultValue(typeof(TimeSpan), "00:00:05")]
    [TypeConverter(typeof(Cli.DurationConverter))]
    public TimeSpan CeilingDuration { get; set; }

    /// <summary>The target update rate; the coordinator scenario is always open loop.</summary>
    public double TargetRate => Rate ?? DefaultRate;

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        return OptionRules.FirstError(
            RegionLoadSettings.RegionsError(Regions),
            OptionRules.Within("--probes", Probes, 1, 64),
            OptionRules.Within("--ceiling-duration", CeilingDuration, TimeSpan.Zero, TimeSpan.FromMinutes(10)));
    }
}
