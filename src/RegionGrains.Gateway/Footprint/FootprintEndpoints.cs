using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Grains;

namespace RegionGrains.Gateway.Footprint;

/// <summary>The <c>/api/footprint</c> resource: the global aggregate and its change stream.</summary>
public static class FootprintEndpoints
{
    public static IEndpointRouteBuilder MapFootprintEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/footprint").WithTags("Footprint");
        group.MapGet("/", GetFootprint).WithName(nameof(GetFootprint)).WithSummary("The global footprint: counts by status, geography and site kind, and per-resource sums over data centers.");
        group.MapGet("/events", StreamFootprint).WithName(nameof(StreamFootprint))
            .WithSummary("Server-sent events: 'footprint' with the current footprint first and after every change (at most ~10 a second), and 'region' for each region that changed.");
        return app;
    }

    public static async Task<Ok<FootprintResponse>> GetFootprint(IClusterClient cluster) =>
        TypedResults.Ok(FootprintResponse.From(await cluster.FootprintGrain().GetAsync()));

    internal static async Task<ServerSentEventsResult<object>> StreamFootprint(IClusterClient cluster, FootprintEventHub hub, HttpContext context)
    {
        // Subscribe before reading the current footprint, so no change falls between the two.
        var changes = hub.Listen(context.RequestAborted);
        var current = await cluster.FootprintGrain().GetAsync();
        return TypedResults.ServerSentEvents(Events(current, changes, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(
        GlobalFootprint current,
        System.Threading.Channels.ChannelReader<FootprintChange> changes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = current.ComputedAt;
        yield return new SseItem<object>(FootprintResponse.From(current), "footprint");
        await foreach (var change in changes.ReadAllAsync(cancellationToken))
        {
            if (change.Footprint.ComputedAt <= last)
            {
                continue;
            }

            last = change.Footprint.ComputedAt;
            foreach (var region in change.Regions)
            {
                yield return new SseItem<object>(region.ToResponse(), "region");
            }

            yield return new SseItem<object>(FootprintResponse.From(change.Footprint), "footprint");
        }
    }
}
