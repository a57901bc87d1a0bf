using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>The settings of a <c>coordinator</c> run, as its report gives them.</summary>
public sealed record CoordinatorReportSettings(
    int Regions,
    double TargetRate,
    int Concurrency,
    string Loop,
    double DurationSeconds,
    double WarmupSeconds,
    int Rounds,
    double CeilingSeconds,
    int Probes,
    string Storage,
    int Seed)
{
    /// <summary>The open loop's stages (<c>--stages</c>), when the rate ramped instead of staying at <see cref="TargetRate"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stages { get; init; }
}
