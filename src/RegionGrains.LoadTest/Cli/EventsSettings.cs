using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>events</c>.</summary>
public sealed class EventsSettings : GatewaySettings
{
    /// <summary>
    /// Events a rule may fall behind one region before it skips to the region's latest (the history kept, 1,000 at
    /// least): a round posts at most this many per region, so every event it causes is delivered.
    /// </summary>
    public const int MostEventsPerRegion = 500;

    [CommandOption("-n|--regions <N>")]
    [Description("Regions the run creates; the rule delivers each region's events in order, so regions are what deliveries run in parallel over (1 to 64).")]
    [DefaultValue(8)]
    public int Regions { get; set; } = 8;

    [CommandOption("--events <N>")]
    [Description("Reservations per round, spread over the regions (at most 500 per region).")]
    [DefaultValue(2000)]
    public int Events { get; set; } = 2000;

    [CommandOption("-c|--concurrency <N>")]
    [Description("Reservations in flight.")]
    [DefaultValue(16)]
    public int Concurrency { get; set; } = 16;

    [CommandOption("--resumes <N>")]
    [Description("Stream resumes per round, each interleaved with a read of the region (the baseline).")]
    [DefaultValue(200)]
    public int Resumes { get; set; } = 200;

    [CommandOption("--rounds <N>")]
    [Description("Rounds; the figures are their medians.")]
    [DefaultValue(3)]
    public int Rounds { get; set; } = 3;

    [CommandOption("--delivery-timeout <DURATION>")]
    [Description("Longest wait, per round, for every event of the round to be delivered.")]
    [DefaultValue(typeof(TimeSpan), "00:02:00")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    [CommandOption("--report <FILE>")]
    [Description("Write the figures of every round as JSON to FILE.")]
    public string? Report { get; set; }

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } address)
        {
            return address;
        }

        if (OptionRules.Within("--regions", Regions, 1, 64) is { } regions)
        {
            return ValidationResult.Error(regions);
        }

        if (Events < Regions || Events > Regions * MostEventsPerRegion)
        {
            return ValidationResult.Error($"--events must be at least --regions ({Regions}) and at most {MostEventsPerRegion} per region ({Regions * MostEventsPerRegion}): a rule further behind a region than its kept history skips ahead.");
        }

        return OptionRules.FirstError(
            OptionRules.Within("--concurrency", Concurrency, 1, 1024),
            OptionRules.Within("--resumes", Resumes, 1, 100_000),
            OptionRules.Within("--rounds", Rounds, 1, 100),
            OptionRules.Positive("--delivery-timeout", DeliveryTimeout, TimeSpan.FromHours(1)));
    }
}
