using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Security;

namespace RegionGrains.Gateway.Footprint;

/// <summary>The <c>/api/footprint</c> resource: the global aggregate and its change stream.</summary>
public static class FootprintEndpoints
{
    private const string StreamRetryAfterSeconds = "5";

    public static IEndpointRouteBuilder MapFootprintEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/footprint").WithTags("Footprint");
        group.MapGet("/", GetFootprint).WithName(nameof(GetFootprint)).RequireAccess(app, GatewayPolicies.Read).WithSummary("The global footprint: counts by status and geography, and per-resource sums.");
        group.MapGet("/events", StreamFootprint).WithName(nameof(StreamFootprint)).RequireAccess(app, GatewayPolicies.Read)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Server-sent events: 'footprint' with the current footprint first and after every change (at most ~10 a second), and 'region' for each region that changed.");
        return app;
    }

    public static async Task<Ok<FootprintResponse>> GetFootprint(IClusterClient cluster) =>
        TypedResults.Ok(FootprintResponse.From(await cluster.GetGrain<IFootprintGrain>(IFootprintGrain.Key).GetAsync()));

    internal static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> StreamFootprint(IClusterClient cluster, FootprintEventHub hub, HttpContext context)
    {
        // Subscribe before reading the current footprint, so no change falls between the two.
        var listener = hub.TryListen(CallerIdentity.Of(context), context.RequestAborted);
        if (listener is null)
        {
            context.Response.Headers.RetryAfter = StreamRetryAfterSeconds;
            return TypedResults.Problem(Problem.Details(
                StatusCodes.Status429TooManyRequests,
                ProblemTypes.TooManyStreams,
                "Too many event streams",
                "This caller, or the gateway as a whole, has as many event streams open as its limits allow; close one, or retry later."));
        }

        try
        {
            var current = await cluster.GetGrain<IFootprintGrain>(IFootprintGrain.Key).GetAsync();
            return TypedResults.ServerSentEvents(Events(current, listener, context.RequestAborted));
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(
        GlobalFootprint current,
        FootprintEventHub.Listener listener,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = listener;
        var last = current.ComputedAt;
        yield return new SseItem<object>(FootprintResponse.From(current), "footprint");
        await foreach (var change in listener.Reader.ReadAllAsync(cancellationToken))
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
