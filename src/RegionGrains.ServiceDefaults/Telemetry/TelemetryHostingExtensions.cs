using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RegionGrains.Abstractions;

namespace RegionGrains.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every RegionGrains process, silo and gateway alike: traces from ASP.NET Core, HttpClient,
/// Orleans grain calls and the domain; metrics from the same plus the Orleans and .NET runtime meters, always
/// scrapeable at <c>/metrics</c>; logs. Exporters follow the standard <c>OTEL_*</c> variables.
/// </summary>
public static class TelemetryHostingExtensions
{
    /// <summary>Grain call spans (client and server side), from <c>AddGrainCallTracing</c> under Orleans' own source name.</summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>Orleans' own runtime spans; traced only with <see cref="TelemetryOptions.OrleansRuntimeTracing"/>.</summary>
    public const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";

    /// <summary>Orleans' meter: messaging, activations, membership, storage.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Paths whose requests are answered but not traced: scrapes and probes every few seconds are noise.</summary>
    private static readonly PathString[] UntracedPaths = ["/metrics", "/health"];

    /// <summary>Adds OpenTelemetry, with <paramref name="serviceName"/> as <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public static IHostApplicationBuilder AddRegionGrainsTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var exporters = TelemetryExporterSelection.From(builder.Configuration);
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        builder.Services.AddSingleton(exporters);
        builder.Services.AddHostedService<TelemetryStartupReport>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(
                    serviceName,
                    serviceNamespace: TelemetryServiceNames.Namespace,
                    serviceVersion: Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
                    autoGenerateServiceInstanceId: false,
                    serviceInstanceId: Guid.NewGuid().ToString())
                // Again after AddService, so that OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults above.
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing =>
            {
                // Sampling is the SDK's own: OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, parent-based always-on by default.
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsUntraced(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource(OrleansApplicationSource, TelemetryNames.ActivitySource);
                if (options.OrleansRuntimeTracing)
                {
                    tracing.AddSource(OrleansRuntimeSource);
                }

                AddExporters(exporters.Traces, () => tracing.AddOtlpExporter(), () => tracing.AddConsoleExporter());
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(OrleansMeter, TelemetryNames.Meter)
                    .AddPrometheusExporter();
                AddExporters(exporters.Metrics, () => metrics.AddOtlpExporter(), () => metrics.AddConsoleExporter());
            });

        // Logs go to OpenTelemetry only when an exporter wants them; the console logger is there regardless.
        if (exporters.Logs != TelemetryExporters.None)
        {
            telemetry.WithLogging(
                logging => AddExporters(exporters.Logs, () => logging.AddOtlpExporter(), () => logging.AddConsoleExporter()),
                o =>
                {
                    o.IncludeFormattedMessage = true;
                    o.IncludeScopes = true;
                });
        }

        return builder;
    }

    private static bool IsUntraced(PathString path)
    {
        foreach (var untraced in UntracedPaths)
        {
            if (path.StartsWithSegments(untraced, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddExporters(TelemetryExporters exporters, Action otlp, Action console)
    {
        if (exporters.HasFlag(TelemetryExporters.Otlp))
        {
            otlp();
        }

        if (exporters.HasFlag(TelemetryExporters.Console))
        {
            console();
        }
    }
}
