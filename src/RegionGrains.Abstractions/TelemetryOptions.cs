namespace RegionGrains.Abstractions;

/// <summary>
/// The telemetry switches of a RegionGrains process, bound from <c>RegionGrains:Telemetry</c>: the hosts read
/// <see cref="OrleansRuntimeTracing"/>, the grains <see cref="RegionMetricsLimit"/>. Exporters follow the standard
/// <c>OTEL_*</c> variables instead.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RegionGrains:Telemetry";

    /// <summary>
    /// Also trace Orleans' own runtime (<c>Microsoft.Orleans.Runtime</c>: membership, directory, activation).
    /// Off by default: it is background traffic, not the work of a request.
    /// </summary>
    public bool OrleansRuntimeTracing { get; set; }

    /// <summary>
    /// Most regions one silo reports per-region capacity gauges for. Each region adds one series per resource
    /// and gauge, so this bounds the silo's metric cardinality (and memory) at any number of activations;
    /// regions beyond it still count in every other metric and in the footprint.
    /// </summary>
    public int RegionMetricsLimit { get; set; } = 1000;
}
