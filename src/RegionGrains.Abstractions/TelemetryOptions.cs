namespace RegionGrains.ServiceDefaults.Telemetry;

/// <summary>Telemetry switches of a process, bound from <c>RegionGrains:Telemetry</c>; exporters follow the standard <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "RegionGrains:Telemetry";

    /// <summary>
    /// Also trace Orleans' own runtime (<c>Microsoft.Orleans.Runtime</c>: membership, directory, activation).
    /// Off by default: it is background traffic, not the work of a request.
    /// </summary>
    public bool OrleansRuntimeTracing { get; set; }
}
