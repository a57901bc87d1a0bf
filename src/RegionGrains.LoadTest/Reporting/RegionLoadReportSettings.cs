using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>The settings of a <c>grains</c> or <c>http</c> run, as its report gives them.</summary>
public sealed record RegionLoadReportSettings(
    int Regions,
    string Mix,
    string Keys,
    double? ZipfExponent,
    int Concurrency,
    double? Rate,
    string Loop,
    double DurationSeconds,
    double WarmupSeconds,
    int Rounds,
    int Seed)
{
    /// <summary><c>grains</c>: an in-process silo or a client of an existing cluster.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cluster { get; init; }

    /// <summary>The mix of the baseline side when <c>--baseline-mix</c> replaced the command's own baseline.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BaselineMix { get; init; }

    /// <summary>How many consumers the claims were spread over, when the run made claims.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Consumers { get; init; }

    /// <summary>The open loop's stages (<c>--stages</c>), when the rate ramped; <see cref="Rate"/> is then the rate they started from.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stages { get; init; }

    /// <summary>The agents the run was split between (<c>--agents</c>), in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Agents { get; init; }

    /// <summary><c>http</c>: the gateway's address.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }
}
