using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>bulk</c>.</summary>
public sealed class BulkSettings : GatewaySettings
{
    /// <summary>The most regions one bulk request takes (the gateway's limit).</summary>
    public const int MaxBatchSize = 10_000;

    [CommandOption("-n|--regions <N>")]
    [Description("Regions each round creates through POST /api/regions:batch (1 to 1000000).")]
    [DefaultValue(100_000)]
    public int Regions { get; set; } = 100_000;

    [CommandOption("--batch-size <N>")]
    [Description("Regions per bulk request (1 to 10000).")]
    [DefaultValue(MaxBatchSize)]
    public int BatchSize { get; set; } = MaxBatchSize;

    [CommandOption("--requests <N>")]
    [Description("Bulk requests in flight at once.")]
    [DefaultValue(2)]
    public int Requests { get; set; } = 2;

    [CommandOption("--put-regions <N>")]
    [Description("Regions each round creates one PUT /api/regions/{id} at a time, the baseline (0 for none).")]
    [DefaultValue(10_000)]
    public int PutRegions { get; set; } = 10_000;

    [CommandOption("-c|--put-concurrency <N>")]
    [Description("PUT requests in flight at once.")]
    [DefaultValue(64)]
    public int PutConcurrency { get; set; } = 64;

    [CommandOption("--rounds <N>")]
    [Description("Rounds, each the PUT baseline and then the bulk creation; the figures are their medians.")]
    [DefaultValue(1)]
    public int Rounds { get; set; } = 1;

    [CommandOption("--report <FILE>")]
    [Description("Write the figures of every round as JSON to FILE.")]
    public string? Report { get; set; }

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } address)
        {
            return address;
        }

        return OptionRules.FirstError(
            OptionRules.Within("--regions", Regions, 1, RegionLoadSettings.MaxRegions),
            OptionRules.Within("--batch-size", BatchSize, 1, MaxBatchSize),
            OptionRules.Within("--requests", Requests, 1, 64),
            OptionRules.Within("--put-regions", PutRegions, 0, RegionLoadSettings.MaxRegions),
            OptionRules.Within("--put-concurrency", PutConcurrency, 1, 1024),
            OptionRules.Within("--rounds", Rounds, 1, 20));
    }
}
