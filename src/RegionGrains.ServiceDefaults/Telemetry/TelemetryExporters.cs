namespace RegionGrains.ServiceDefaults.Telemetry;

/// <summary>The push exporters a signal is sent to; the Prometheus scrape endpoint is always there besides.</summary>
[Flags]
public enum TelemetryExporters
{
    None = 0,

    /// <summary>OTLP, to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.</summary>
    Otlp = 1,

    /// <summary>Standard output, for a look without any collector.</summary>
    Console = 2,
}
