using System.Diagnostics;
using System.Net;
using RegionGrains.Telemetry.Tests.Infrastructure;

namespace RegionGrains.Telemetry.Tests;

/// <summary>Traces through the gateway in its embedded default: HTTP, grain calls and the domain in one trace.</summary>
[Collection(EmbeddedGatewayCollection.Name)]
public sealed class EmbeddedTraceTests(EmbeddedGateway gateway)
{
    // Orleans names grain call spans interface/method, by the C# method name (not the [Alias]).
    private const string Reserve = "IRegionGrain/ReserveAsync";

    [Fact]
    public async Task AReservationIsOneTraceUnderTheCallersTraceId()
    {
        var client = gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client);
        var (traceId, callerSpanId, traceparent) = Api.NewTraceparent();

        var response = await Api.ReserveAsync(client, region, traceparent);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var spans = await gateway.Spans.WaitForTrace(
            traceId,
            s => s.Any(x => x.IsHttpServer()) && s.Any(x => x.IsGrainCall(Reserve, ActivityKind.Server)) && s.Any(x => x.IsDomain("region.reserve")),
            "the HTTP server span, the Reserve grain call and the region.reserve span");
        var http = Assert.Single(spans, x => x.IsHttpServer());
        var grainClient = Assert.Single(spans, x => x.IsGrainCall(Reserve, ActivityKind.Client));
        var grainServer = Assert.Single(spans, x => x.IsGrainCall(Reserve, ActivityKind.Server));
        var reserve = Assert.Single(spans, x => x.IsDomain("region.reserve"));

        Assert.Equal(callerSpanId, http.ParentSpanId);
        Assert.Equal(http.SpanId, grainClient.ParentSpanId);
        Assert.Equal(grainClient.SpanId, grainServer.ParentSpanId);
        Assert.Equal(grainServer.SpanId, reserve.ParentSpanId);
        Assert.Equal(region, reserve.Tag("regiongrains.region.id"));
        Assert.Equal("gpus", reserve.Tag("regiongrains.resource"));
        Assert.Equal(4L, reserve.Tag("regiongrains.amount"));
        Assert.Equal("created", reserve.Tag("regiongrains.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, reserve.Status);
    }

    [Fact]
    public async Task TheResponseCarriesTheTraceIdInATraceparentHeader()
    {
        var client = gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client);
        var (traceId, _, traceparent) = Api.NewTraceparent();

        var response = await Api.ReserveAsync(client, region, traceparent);

        var header = Assert.Single(response.Headers.GetValues("traceparent"));
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-01$", header);
        var http = (await gateway.Spans.WaitForTrace(traceId, s => s.Any(x => x.IsHttpServer()), "the HTTP server span")).Single(x => x.IsHttpServer());
        Assert.Equal($"00-{traceId}-{http.SpanId}-01", header);
    }

    [Theory]
    [InlineData("/api/regions/no-such-region")]
    [InlineData("/api/regions/NOT_AN_ID")]
    [InlineData("/health/live")]
    [InlineData("/metrics")]
    public async Task EveryResponseCarriesATraceparentEvenWithoutOneInTheRequest(string path)
    {
        var response = await gateway.CreateClient().GetAsync(path);

        var header = Assert.Single(response.Headers.GetValues("traceparent"));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", header);
        Assert.NotEqual("00000000000000000000000000000000", header[3..35]);
    }

    [Fact]
    public async Task ARefusedReservationIsTracedWithItsOutcomeAndNotAsAnError()
    {
        var client = gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client, total: 10);
        var (traceId, _, traceparent) = Api.NewTraceparent();

        var response = await Api.ReserveAsync(client, region, traceparent, amount: 11);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var spans = await gateway.Spans.WaitForTrace(traceId, s => s.Any(x => x.IsDomain("region.reserve")), "the region.reserve span");
        var reserve = spans.Single(x => x.IsDomain("region.reserve"));
        Assert.Equal("insufficient_capacity", reserve.Tag("regiongrains.outcome"));
        Assert.Equal(11L, reserve.Tag("regiongrains.amount"));
        Assert.Equal(ActivityStatusCode.Unset, reserve.Status);
    }

    [Fact]
    public async Task TheFootprintUpdateOfAReservationIsReachableFromItsTrace()
    {
        var client = gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client);
        var (traceId, _, traceparent) = Api.NewTraceparent();

        (await Api.ReserveAsync(client, region, traceparent)).EnsureSuccessStatusCode();

        // The region hands its change to the silo's outbox after replying; the outbox's publish serves every change
        // collected for that partition meanwhile: it continues the first one's trace and links the others, so this
        // request's region.reserve span is either its parent or one of its links.
        var reserve = (await gateway.Spans.WaitForTrace(traceId, s => s.Any(x => x.IsDomain("region.reserve")), "the region.reserve span"))
            .Single(x => x.IsDomain("region.reserve"));
        var publish = await gateway.Spans.WaitFor(
            s => s.IsDomain("footprint.publish")
                && ((s.TraceId == traceId && s.ParentSpanId == reserve.SpanId) || s.Links.Any(l => l.Context.SpanId == reserve.SpanId)),
            $"a footprint.publish under or linked to the region.reserve span of trace {traceId}");
        var changed = (int)publish.Tag("regiongrains.footprint.changed_regions")!;
        Assert.True(changed >= 1, $"changed regions: {changed}");
        if (changed == 1)
        {
            Assert.Equal(region, publish.Tag("regiongrains.region.id"));
        }

        await gateway.Spans.WaitForTrace(
            publish.TraceId,
            s => s.Any(x => x.IsGrainCall("IFootprintPartitionGrain/PublishAsync", ActivityKind.Server)),
            "the partition's Publish grain call under the publish");

        // The partition's push to the coordinator serves a batch of publishes the same way: it continues the first
        // one's trace and links the others, so the publish's trace either holds it or is linked from it.
        var push = await gateway.Spans.WaitFor(
            s => s.IsDomain("footprint.push") && (s.TraceId == publish.TraceId || s.Links.Any(l => l.Context.TraceId == publish.TraceId)),
            $"a footprint.push in or linked to trace {publish.TraceId}");
        var pushTrace = await gateway.Spans.WaitForTrace(
            push.TraceId,
            s => s.Any(x => x.IsDomain("footprint.apply") && x.Tag("regiongrains.footprint.partition") is int p && p == (int)push.Tag("regiongrains.footprint.partition")!),
            "the coordinator's footprint.apply under the push");
        var apply = pushTrace.Single(x => x.IsDomain("footprint.apply") && (int)x.Tag("regiongrains.footprint.partition")! == (int)push.Tag("regiongrains.footprint.partition")!);
        var applyCall = pushTrace.Single(x => x.SpanId == apply.ParentSpanId);
        Assert.True(applyCall.IsGrainCall("IFootprintCoordinatorGrain/ApplyAsync", ActivityKind.Server), SpanCollection.Describe(pushTrace));
    }
}
