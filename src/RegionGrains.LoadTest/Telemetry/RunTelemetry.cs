using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace RegionGrains.LoadTest.Telemetry;

/// <summary>
/// Exports <see cref="LoadMetrics"/> over OTLP once a second while the load tester runs, when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or its metrics variant) is set; the exporter reads the endpoint, protocol and
/// headers from the standard OTEL_* variables. Disposing it exports what is left.
/// </summary>
public static class RunTelemetry
{
    public static IDisposable? StartFromEnvironment()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")))
        {
            return null;
        }

        return Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(LoadTestApp.Name))
            .AddMeter(LoadMetrics.MeterName)
            .AddOtlpExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 1000)
            .Build();
    }
}
