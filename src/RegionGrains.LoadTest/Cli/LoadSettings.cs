using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of the scenarios that apply load for a while: how long, how hard, and how many rounds.</summary>
public class LoadSettings : BaseSettings
{
    public const double MaxRate = 10_000_000;

    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Null when not given: 30 s, or with <see cref="Stages"/> their sum in each round. Spectre cannot say whether an
    /// option with a default was given, and --duration beside --stages must be refused rather than ignored.
    /// </summary>
    [CommandOption("-d|--duration <DURATION>")]
    [Description("Measured time of the scenario; its baseline runs as long again, in alternating rounds. Not with --stages, whose sum is each round's length. Default: 30s.")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan? DurationOption { get; set; }

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
    [Description("Open loop: start this many operations per second; latency counts from the intended start. With --stages, the rate the first stage starts from (default 0).")]
    public double? Rate { get; set; }

    [CommandOption("--stages <STAGES>")]
    [Description("Open loop whose rate ramps linearly from stage to stage: DURATION:TARGET pairs, e.g. 30s:1000,60s:10000,30s:0 (k6's ramping arrival rate). Every round runs all the stages; the warmup runs their beginning.")]
    public string? Stages { get; set; }

    /// <summary>Read by <see cref="ScenarioFile"/> before parsing; declared so that help lists it and the guard accepts it.</summary>
    [CommandOption(ScenarioFile.Option + " <FILE>")]
    [Description("Take options from a JSON file: its keys are this command's options in camelCase (zipfExponent, thresholds as a list, stages as a list of {duration, target}), and command. Options on the command line win over the file's.")]
    public string? Scenario { get; set; }

    /// <summary>The measured time of the scenario: --duration, or the stages' sum in each round.</summary>
    public TimeSpan Duration => DurationOption ?? (ParsedStages is { } stages ? stages.Duration * Rounds : DefaultDuration);

    /// <summary>The stages, parsed; null without --stages.</summary>
    public RateSchedule? ParsedStages =>
        RateSchedule.TryParseStages(Stages, out var stages, out _) ? RateSchedule.Staged(Rate ?? 0, stages) : null;

    /// <summary>When an open loop starts its operations: the stages, a constant --rate, or null for a closed loop.</summary>
    public RateSchedule? OpenLoop => ParsedStages ?? (Rate is { } rate ? RateSchedule.Constant(rate) : null);

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        if (Stages is not null && ValidateStages() is { Successful: false } stages)
        {
            return stages;
        }

        return OptionRules.FirstError(
            OptionRules.Positive("--duration", Duration, TimeSpan.FromHours(2)),
            OptionRules.Within("--warmup", Warmup, TimeSpan.Zero, TimeSpan.FromMinutes(30)),
            OptionRules.Within("--rounds", Rounds, 1, 100),
            ConcurrencyError(Concurrency),

            // With --stages, --rate is where the first stage starts from, and 0 is a start.
            Stages is not null && Rate == 0 ? null : RateError(Rate));
    }

    /// <summary>What is wrong with a <c>--concurrency</c>; null when nothing is.</summary>
    public static string? ConcurrencyError(int concurrency) => OptionRules.Within("--concurrency", concurrency, 1, 10_000);

    /// <summary>What is wrong with a <c>--rate</c> of a constant open loop; null when nothing is (or none was given).</summary>
    public static string? RateError(double? rate) =>
        rate is { } r ? OptionRules.Positive("--rate", r, MaxRate, "operations per second") : null;

    private ValidationResult ValidateStages()
    {
        if (!RateSchedule.TryParseStages(Stages, out var stages, out var error))
        {
            return ValidationResult.Error($"--stages: {error}");
        }

        if (DurationOption is not null)
        {
            return ValidationResult.Error("--stages sets each round's length (the sum of the stages); leave out --duration.");
        }

        var schedule = RateSchedule.Staged(Rate ?? 0, stages);
        if (schedule.Duration * Rounds > TimeSpan.FromHours(2))
        {
            return ValidationResult.Error($"--stages last {DurationConverter.Format(schedule.Duration)} a round, {DurationConverter.Format(schedule.Duration * Rounds)} in {Rounds} rounds; at most 2h in all.");
        }

        if (schedule.CountAt(schedule.Duration.TotalSeconds) < 1)
        {
            return ValidationResult.Error("--stages would start no operation: every target is 0 (and --rate too).");
        }

        return ValidationResult.Success();
    }
}
