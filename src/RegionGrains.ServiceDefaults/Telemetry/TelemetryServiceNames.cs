namespace RegionGrains.ServiceDefaults.Telemetry;

/// <summary>The <c>service.name</c> of each kind of RegionGrains process; <c>OTEL_SERVICE_NAME</c> overrides it.</summary>
public static class TelemetryServiceNames
{
    public const string Gateway = "regiongrains-gateway";
    public const string Silo = "regiongrains-silo";

    /// <summary>The <c>service.namespace</c> they share.</summary>
    public const string Namespace = "regiongrains";
}
