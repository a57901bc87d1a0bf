using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of the scenarios that apply load for a while: how long, how hard, and how many rounds.</summary>
public class LoadSettings : BaseSettings
{
    [CommandOption("-d|--duration <DURATION>")]
    [Description("Measured time of the scenario; its baseline runs as long again, in alternating rounds.")]
    [DefaultValue(typeof(TimeSpan), "00:00:30")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan Duration { get; set; }

    [CommandOption("-w|--warmup <DURATION>")]
    [Description("Unmeasured load before the first round, split between scenario and baseline.")]
    [DefaultValue(typeof(TimeSpan), "00:00:05")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan Warmup { get; set; }

    [CommandOption("--rounds <N>")]
    [Description("Rounds of scenario and baseline, alternating their order.")]
    [DefaultValue(4)]
    public int Rounds { get; set; }

    [CommandOption("-c|--concurrency <N>")]
    [Description("Closed loop: concurrent workers. Open loop: most operations in flight.")]
    [DefaultValue(64)]
    public int Concurrency { get; set; }

    [CommandOption("--rate <OPS>")]
    [Description("Open loop: start this many operations per second; latency counts from the intended start.")]
    public double? Rate { get; set; }

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromHours(2))
        {
            return ValidationResult.Error("--duration must be above 0 and at most 2h.");
        }

        if (Warmup < TimeSpan.Zero || Warmup > TimeSpan.FromMinutes(30))
        {
            return ValidationResult.Error("--warmup must be between 0 and 30m.");
        }

        if (Rounds is < 1 or > 100)
        {
            return ValidationResult.Error("--rounds must be from 1 to 100.");
        }

        if (Concurrency is < 1 or > 10_000)
        {
            return ValidationResult.Error("--concurrency must be from 1 to 10000.");
        }

        if (Rate is { } rate && (rate <= 0 || rate > 10_000_000 || double.IsNaN(rate)))
        {
            return ValidationResult.Error("--rate must be above 0 and at most 10000000 operations per second.");
        }

        return ValidationResult.Success();
    }
}
