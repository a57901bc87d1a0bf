using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RegionGrains.Telemetry.Tests.Infrastructure;

namespace RegionGrains.Telemetry.Tests;

/// <summary>Traces and metrics with the gateway as a client of a separate silo.</summary>
[Collection(ClientModeCollection.Name)]
public sealed class ClientModeTraceTests(ClientModeCluster cluster)
{
    private const string Reserve = "IRegionGrain/ReserveAsync";

    [Fact]
    public async Task AReservationIsOneTraceAcrossTheGatewayAndTheSilo()
    {
        var client = cluster.Gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client);
        var (traceId, callerSpanId, traceparent) = Api.NewTraceparent();

        var response = await Api.ReserveAsync(client, region, traceparent);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith($"00-{traceId}-", Assert.Single(response.Headers.GetValues("traceparent")), StringComparison.Ordinal);
        var spans = await cluster.Spans.WaitForTrace(
            traceId,
            s => s.Any(x => x.IsHttpServer()) && s.Any(x => x.IsGrainCall(Reserve, ActivityKind.Server)) && s.Any(x => x.IsDomain("region.reserve")),
            "the gateway's HTTP server span and client call, and the silo's server call and region.reserve");
        var http = Assert.Single(spans, x => x.IsHttpServer());
        var grainClient = Assert.Single(spans, x => x.IsGrainCall(Reserve, ActivityKind.Client));
        var grainServer = Assert.Single(spans, x => x.IsGrainCall(Reserve, ActivityKind.Server));
        var reserve = Assert.Single(spans, x => x.IsDomain("region.reserve"));
        Assert.Equal(callerSpanId, http.ParentSpanId);
        Assert.Equal(http.SpanId, grainClient.ParentSpanId);
        Assert.Equal(grainClient.SpanId, grainServer.ParentSpanId);
        Assert.Equal(grainServer.SpanId, reserve.ParentSpanId);
        Assert.Equal("created", reserve.Tag("regiongrains.outcome"));
    }

    [Fact]
    public void EachProcessKindNamesItselfInItsResource()
    {
        var gateway = Resource(cluster.Gateway.Services);
        var silo = Resource(cluster.Silo.Services);

        Assert.Equal("regiongrains-gateway", gateway["service.name"]);
        Assert.Equal("regiongrains-silo", silo["service.name"]);
        Assert.Equal("regiongrains", silo["service.namespace"]);
        Assert.False(string.IsNullOrEmpty(gateway["service.instance.id"] as string));
        Assert.NotEqual(gateway["service.instance.id"], silo["service.instance.id"]);
    }

    [Fact]
    public async Task TheSiloServesItsMetricsOnItsOwnHttpPort()
    {
        var client = cluster.Gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client);
        (await Api.ReserveAsync(client, region, Api.NewTraceparent().Header)).EnsureSuccessStatusCode();
        using var silo = new HttpClient { BaseAddress = cluster.SiloHttp };

        var body = await silo.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        // The grains run in the silo, so the silo reports the domain metrics; the gateway only calls them.
        Assert.Contains("regiongrains_reservations_total{", body, StringComparison.Ordinal);
        Assert.Contains($"regiongrains_region_id=\"{region}\"", body, StringComparison.Ordinal);
        Assert.Contains("\norleans_", body, StringComparison.Ordinal);
    }

    private static Dictionary<string, object> Resource(IServiceProvider services) =>
        services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
}
