using Microsoft.Extensions.Configuration;

namespace RegionGrains.ServiceDefaults.Telemetry;

/// <summary>
/// The exporters chosen by the standard variables <c>OTEL_TRACES_EXPORTER</c>, <c>OTEL_METRICS_EXPORTER</c> and
/// <c>OTEL_LOGS_EXPORTER</c> (comma-separated <c>otlp</c>, <c>console</c>, <c>none</c>), which the .NET SDK
/// does not read itself. Unset, a signal goes to OTLP when an OTLP endpoint is configured for it and nowhere
/// otherwise, so that a process started without any collector does not keep failing to reach one.
/// <c>OTEL_SDK_DISABLED=true</c> turns the SDK off, and with it every exporter, whatever else is set.
/// </summary>
public sealed record TelemetryExporterSelection(
    TelemetryExporters Traces,
    TelemetryExporters Metrics,
    TelemetryExporters Logs,
    IReadOnlyList<string> Ignored)
{
    /// <summary>Reads the selection from configuration, which includes the environment.</summary>
    public static TelemetryExporterSelection From(IConfiguration configuration)
    {
        if (bool.TryParse(configuration["OTEL_SDK_DISABLED"], out var disabled) && disabled)
        {
            return new(TelemetryExporters.None, TelemetryExporters.None, TelemetryExporters.None, []) { SdkDisabled = true };
        }

        var ignored = new List<string>();
        return new(
            Parse(configuration, "TRACES", ignored),
            Parse(configuration, "METRICS", ignored),
            Parse(configuration, "LOGS", ignored),
            ignored);
    }

    /// <summary>True when <c>OTEL_SDK_DISABLED=true</c>: nothing is recorded or exported, <c>/metrics</c> included.</summary>
    public bool SdkDisabled { get; init; }

    private static TelemetryExporters Parse(IConfiguration configuration, string signal, List<string> ignored)
    {
        var variable = $"OTEL_{signal}_EXPORTER";
        var value = configuration[variable];
        if (string.IsNullOrWhiteSpace(value))
        {
            var endpoint = configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
            return string.IsNullOrWhiteSpace(endpoint) ? TelemetryExporters.None : TelemetryExporters.Otlp;
        }

        var exporters = TelemetryExporters.None;
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (name.ToLowerInvariant())
            {
                case "otlp":
                    exporters |= TelemetryExporters.Otlp;
                    break;
                case "console":
                    exporters |= TelemetryExporters.Console;
                    break;
                case "none":
                // Prometheus is pulled from /metrics whatever this says.
                case "prometheus" when signal == "METRICS":
                    break;
                default:
                    ignored.Add($"{variable}={name}");
                    break;
            }
        }

        return exporters;
    }
}
