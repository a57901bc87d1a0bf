using Microsoft.Extensions.Configuration;
using RegionGrains.ServiceDefaults.Telemetry;

namespace RegionGrains.Telemetry.Tests;

/// <summary>How the standard OTEL_*_EXPORTER and OTLP endpoint variables choose the exporters.</summary>
public sealed class ExporterSelectionTests
{
    [Fact]
    public void WithoutAnyVariableNothingIsPushed()
    {
        var selection = Select();

        Assert.Equal(
            (TelemetryExporters.None, TelemetryExporters.None, TelemetryExporters.None),
            (selection.Traces, selection.Metrics, selection.Logs));
    }

    [Fact]
    public void AnOtlpEndpointSendsEverySignalThere()
    {
        var selection = Select(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"));

        Assert.Equal(
            (TelemetryExporters.Otlp, TelemetryExporters.Otlp, TelemetryExporters.Otlp),
            (selection.Traces, selection.Metrics, selection.Logs));
    }

    [Fact]
    public void ASignalsOwnOtlpEndpointSendsOnlyThatSignal()
    {
        var selection = Select(("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://localhost:4318/v1/traces"));

        Assert.Equal(
            (TelemetryExporters.Otlp, TelemetryExporters.None, TelemetryExporters.None),
            (selection.Traces, selection.Metrics, selection.Logs));
    }

    [Fact]
    public void TheExporterVariablesWinOverTheEndpointDefault()
    {
        var selection = Select(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"),
            ("OTEL_TRACES_EXPORTER", "console"),
            ("OTEL_METRICS_EXPORTER", " otlp , CONSOLE "),
            ("OTEL_LOGS_EXPORTER", "none"));

        Assert.Equal(TelemetryExporters.Console, selection.Traces);
        Assert.Equal(TelemetryExporters.Otlp | TelemetryExporters.Console, selection.Metrics);
        Assert.Equal(TelemetryExporters.None, selection.Logs);
        Assert.Empty(selection.Ignored);
    }

    [Fact]
    public void TheSdkSwitchedOffNamesNoExporterEvenWhenOneIsAskedFor()
    {
        var selection = Select(("OTEL_SDK_DISABLED", "TRUE"), ("OTEL_TRACES_EXPORTER", "console"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"));

        Assert.True(selection.SdkDisabled);
        Assert.Equal(
            (TelemetryExporters.None, TelemetryExporters.None, TelemetryExporters.None),
            (selection.Traces, selection.Metrics, selection.Logs));
    }

    [Fact]
    public void UnknownExportersAreIgnoredAndReported()
    {
        var selection = Select(("OTEL_TRACES_EXPORTER", "zipkin,console"), ("OTEL_METRICS_EXPORTER", "prometheus"));

        Assert.Equal(TelemetryExporters.Console, selection.Traces);
        // Prometheus is served at /metrics in any case: asking for it is no mistake.
        Assert.Equal(TelemetryExporters.None, selection.Metrics);
        Assert.Equal(["OTEL_TRACES_EXPORTER=zipkin"], selection.Ignored);
    }

    private static TelemetryExporterSelection Select(params (string Key, string Value)[] settings) =>
        TelemetryExporterSelection.From(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());
}
