using System.ComponentModel;
using RegionGrains.LoadTest.Workload;
using Spectre.Console;
using Spectre.Console.Cli;
using RegionGrains.LoadTest.Reporting;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of the scenarios that run the operation mix over a set of regions (grains, http).</summary>
public class RegionLoadSettings : LoadSettings
{
    public const int MinRegions = 10;
    public const int MaxRegions = 1_000_000;

    [CommandOption("-n|--regions <N>")]
    [Description("Regions the run creates and loads (10 to 1000000).")]
    [DefaultValue(1_000)]
    public int Regions { get; set; }

    [CommandOption("--mix <MIX>")]
    [Description("Weighted operations, as kind=weight pairs of read, reserve, status and capacity.")]
    [DefaultValue("read=80,reserve=15,status=5")]
    public string Mix { get; set; } = "read=80,reserve=15,status=5";

    [CommandOption("--keys <DISTRIBUTION>")]
    [Description("How operations spread over regions: uniform or zipf.")]
    [DefaultValue(KeyDistributionKind.Uniform)]
    public KeyDistributionKind Keys { get; set; }

    [CommandOption("--zipf-exponent <S>")]
    [Description("Skew of --keys zipf: the k-th hottest region is picked with probability proportional to 1/k^S.")]
    [DefaultValue(1.0)]
    public double ZipfExponent { get; set; }

    public OperationMix ParsedMix => OperationMix.Parse(Mix);

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        if (Regions is < MinRegions or > MaxRegions)
        {
            return ValidationResult.Error($"--regions must be from {MinRegions} to {MaxRegions}.");
        }

        if (!OperationMix.TryParse(Mix, out _, out var error))
        {
            return ValidationResult.Error("--mix: " + error);
        }

        if (ZipfExponent is <= 0 or > 10 || double.IsNaN(ZipfExponent))
        {
            return ValidationResult.Error("--zipf-exponent must be above 0 and at most 10.");
        }

        return ValidationResult.Success();
    }

    public KeyDistribution CreateKeys() => KeyDistribution.Create(Keys, Regions, ZipfExponent);

    public RegionLoadReportSettings ToReportSettings() => new(
        Regions,
        ParsedMix.ToString(),
        Keys.ToString().ToLowerInvariant(),
        Keys == KeyDistributionKind.Zipf ? ZipfExponent : null,
        Concurrency,
        Rate,
        Rate is null ? "closed" : "open",
        Duration.TotalSeconds,
        Warmup.TotalSeconds,
        Rounds,
        Seed);
}
