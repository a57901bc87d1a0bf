using System.ComponentModel;
using RegionGrains.LoadTest.Soak;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>soak</c>.</summary>
public sealed class SoakSettings : BaseSettings
{
    /// <summary>
    /// The default mix of <c>grains</c> (read=80,reserve=15,status=5) with release at the weight of reserve: the default
    /// mix never releases, so every reservation would stay held and the data grow with them for as long as it ran.
    /// </summary>
    public const string DefaultMix = "read=80,reserve=15,release=15,status=5";

    [CommandOption("-n|--regions <N>")]
    [Description("Regions the run creates and loads (10 to 1000000).")]
    [DefaultValue(1_000)]
    public int Regions { get; set; }

    [CommandOption("--mix <MIX>")]
    [Description("Weighted operations, as grains takes them. The default is grains' default mix with release at the weight of reserve, so that reservations churn instead of piling up.")]
    [DefaultValue(DefaultMix)]
    public string Mix { get; set; } = DefaultMix;

    [CommandOption("-c|--concurrency <N>")]
    [Description("Callers of the closed loop that measures the ceiling, and the most operations in flight in the soak.")]
    [DefaultValue(64)]
    public int Concurrency { get; set; }

    [CommandOption("--rate <OPS>")]
    [Description("Operations per second of the soak (open loop). Default: half the ceiling, measured first by a closed loop of --ceiling-duration.")]
    public double? Rate { get; set; }

    [CommandOption("--ceiling-duration <DURATION>")]
    [Description("Length of the closed loop that measures the ceiling when no --rate is given.")]
    [DefaultValue(typeof(TimeSpan), "00:00:10")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan CeilingDuration { get; set; }

    [CommandOption("-d|--duration <DURATION>")]
    [Description("Length of the soak.")]
    [DefaultValue(typeof(TimeSpan), "01:00:00")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan Duration { get; set; }

    [CommandOption("--sample-every <DURATION>")]
    [Description("Interval of the samples: heap after gen-2, p50 and p99, throughput, open handles and the data files' size.")]
    [DefaultValue(typeof(TimeSpan), "00:00:10")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan SampleEvery { get; set; }

    [CommandOption("--max-data-growth <RATIO>")]
    [Description("The data files are bounded when their size at the end is at most RATIO times their size at the middle of the run (the first sample from half the run on).")]
    [DefaultValue(DataGrowthCheck.DefaultMaxGrowth)]
    public double MaxDataGrowth { get; set; }

    [CommandOption("--collect-gen2")]
    [Description("Ask for a background gen-2 collection at the start of each interval, so that every sample has a heap-after-gen-2 figure. Off: nothing is forced, and a sample whose interval had no gen-2 has none.")]
    public bool CollectGen2 { get; set; }

    [CommandOption("--storage <STORAGE>")]
    [Description("sqlite: regions journal to the silo's configured provider (SQLite in a temporary data directory); memory: in memory, to tell the grains' memory from storage's.")]
    [DefaultValue(StorageKind.Sqlite)]
    public StorageKind Storage { get; set; }

    public OperationMix ParsedMix => OperationMix.Parse(Mix);

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        if (!OperationMix.TryParse(Mix, out _, out var error))
        {
            return ValidationResult.Error("--mix: " + error);
        }

        return OptionRules.FirstError(
            RegionLoadSettings.RegionsError(Regions),
            LoadSettings.ConcurrencyError(Concurrency),
            LoadSettings.RateError(Rate),
            OptionRules.Within("--ceiling-duration", CeilingDuration, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            OptionRules.Within("--sample-every", SampleEvery, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            Duration < SampleEvery * 2 || Duration > TimeSpan.FromHours(24)
                ? "--duration must be at least two --sample-every intervals, for a slope, and at most 24h."
                : null,
            OptionRules.Within("--max-data-growth", MaxDataGrowth, 1, 1_000));
    }
}
