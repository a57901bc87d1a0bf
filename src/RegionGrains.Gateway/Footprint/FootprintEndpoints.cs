using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Grains;
using RegionGrains.Gateway.Http;

namespace RegionGrains.Gateway.Footprint;

/// <summary>The <c>/api/footprint</c> resource: the global aggregate and its change stream.</summary>
public static class FootprintEndpoints
{
    private const string StreamRetryAfterSeconds = "5";
    private static readonly TimeSpan SubscribeWait = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapFootprintEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/footprint").WithTags("Footprint");
        group.MapGet("/", GetFootprint).WithName(nameof(GetFootprint)).RequireAccess(app, GatewayPolicies.Read).WithSummary("The global footprint: counts by status, geography and site kind, and per-resource sums over data centers.");
        group.MapGet("/events", StreamFootprint).WithName(nameof(StreamFootprint)).RequireAccess(app, GatewayPolicies.Read)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Server-sent events: 'footprint' with the current footprint first and after every change (at most ~10 a second), and 'region' for each region that changed.");
        return app;
    }

    public static async Task<Ok<FootprintResponse>> GetFootprint(IClusterClient cluster) =>
        TypedResults.Ok(FootprintResponse.From(await cluster.FootprintGrain().GetAsync()));

    internal static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> StreamFootprint(IClusterClient cluster, FootprintEventHub hub, IHostApplicationLifetime lifetime, HttpContext context)
    {
        try
        {
            await hub.Subscribed.WaitAsync(SubscribeWait, context.RequestAborted);
        }
        catch (TimeoutException)
        {
            context.Response.Headers.RetryAfter = Problem.UnavailableRetryAfterSeconds;
            return TypedResults.Problem(Problem.Details(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ClusterUnavailable, "The cluster is unavailable", "This gateway is not receiving the cluster's changes yet; retry shortly."));
        }

        if (HeadRequests.IsHead(context))
        {
            // The headers a GET would get, and no stream: a HEAD's response ends with its headers.
            return TypedResults.ServerSentEvents(AsyncEnumerable.Empty<SseItem<object>>());
        }

        // The stream also ends when the gateway stops: an open stream would otherwise hold up a graceful shutdown
        // until its timeout, and the browser reconnects to the next process anyway.
        var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(ended);

        // Subscribe before reading the current footprint, so no change falls between the two.
        var listener = hub.TryListen(CallerIdentity.ForStreams(context), ended.Token);
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
            var current = await cluster.FootprintGrain().GetAsync();
            return TypedResults.ServerSentEvents(Events(current, listener));
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(
        GlobalFootprint current,
        FootprintEventHub.Listener listener)
    {
        using var _ = listener;
        var last = current.ComputedAt;
        yield return new SseItem<object>(FootprintResponse.From(current), "footprint");
        // Ends when the channel completes, which the listener does when the request ends or the gateway stops: a normal
        // end of the response rather than a cancellation that would abort it mid-stream.
        await foreach (var change in listener.Reader.ReadAllAsync())
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
