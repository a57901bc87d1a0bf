using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using RegionGrains.ServiceDefaults.Http;

namespace RegionGrains.ServiceDefaults.Telemetry;

/// <summary>The HTTP side of telemetry: the trace id on every response, and the Prometheus scrape endpoint.</summary>
public static class TelemetryEndpointExtensions
{
    /// <summary>The scrape path of the Prometheus exporter.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Sends the request's trace context back in a <c>traceparent</c> response header
    /// (<c>00-{trace id}-{server span id}-{flags}</c>), so that a caller can look its request up. Set when the
    /// response starts, after any error handler has cleared the headers. Put it first in the pipeline.
    /// </summary>
    public static IApplicationBuilder UseTraceparentResponseHeader(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            // A W3C activity's id is this very header value (00-{trace id}-{span id}-{flags}), built once and kept.
            if (http.Features.Get<IHttpActivityFeature>()?.Activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
            {
                http.Response.Headers[HeaderNames.TraceParent] = id;
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    /// <summary>Maps the Prometheus scrape endpoint at <c>/metrics</c> for GET and HEAD only, kept out of the OpenAPI document.</summary>
    public static IEndpointConventionBuilder MapRegionGrainsMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).ForReadsOnly().ExcludeFromDescription();
}
