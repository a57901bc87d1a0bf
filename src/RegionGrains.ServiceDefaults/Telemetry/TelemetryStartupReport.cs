using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RegionGrains.ServiceDefaults.Telemetry;

/// <summary>Says once at startup where telemetry goes, and which exporter names it did not understand.</summary>
internal sealed partial class TelemetryStartupReport(
    TelemetryExporterSelection exporters,
    ILogger<TelemetryStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (exporters.SdkDisabled)
        {
            LogDisabled();
            return Task.CompletedTask;
        }

        LogExporters(exporters.Traces, exporters.Metrics, exporters.Logs);
        foreach (var ignored in exporters.Ignored)
        {
            LogIgnored(ignored);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry exporters: traces {Traces}, metrics {Metrics} (and /metrics), logs {Logs}")]
    private partial void LogExporters(TelemetryExporters traces, TelemetryExporters metrics, TelemetryExporters logs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry is off (OTEL_SDK_DISABLED=true): no traces, metrics or logs are exported")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored unknown exporter {Setting}; known: otlp, console, none")]
    private partial void LogIgnored(string setting);
}
