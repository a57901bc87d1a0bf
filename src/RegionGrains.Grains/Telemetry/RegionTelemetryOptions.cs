namespace RegionGrains.Grains.Telemetry;

/// <summary>Limits of the grains' telemetry, bound from <c>RegionGrains:Telemetry</c>.</summary>
public sealed class RegionTelemetryOptions
{
    public const string Section = "RegionGrains:Telemetry";

    /// <summary>
    /// Most regions one silo reports per-region capacity gauges for. Each region adds one series per resource
    /// and gauge, so this bounds the silo's metric cardinality (and memory) at any number of activations;
    /// regions beyond it still count in every other metric and in the footprint.
    /// </summary>
    public int RegionMetricsLimit { get; set; } = 1000;
}
