using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Grains;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Events;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Footprint;

/// <summary>The <c>/api/footprint</c> resource: the global aggregate and its change stream.</summary>
public static class FootprintEndpoints
{
    public static IEndpointRouteBuilder MapFootprintEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/footprint").WithTags("Footprint").RequireAccess(app, GatewayPolicies.Read);
        group.MapGet("/", GetFootprint)
            .WithName(nameof(GetFootprint))
            .WithSummary("The global footprint: counts by status, geography and site kind, and per-resource sums over data centers.");
        group.MapGet("/events", StreamFootprint)
            .WithName(nameof(StreamFootprint))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem()
            .WithSummary("Server-sent events: 'footprint' with the current footprint first and after every change (at most ~10 a second), and 'region' for each region that changed. A footprint event's id is when it was computed; Last-Event-ID resumes with the regions that changed since (when the footprint holds at most 5,000 regions), then the current footprint.");
        return app;
    }

    public static async Task<Ok<FootprintResponse>> GetFootprint(IClusterClient cluster) =>
        TypedResults.Ok(FootprintResponse.From(await cluster.FootprintGrain().GetAsync()));

    internal static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult, ValidationProblem>> StreamFootprint(IClusterClient cluster, FootprintEventHub hub, IHostApplicationLifetime lifetime, HttpContext context)
    {
        var errors = new ValidationErrors();
        var resume = ResumePoint.Read(context.Request, after: null, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        if (await EventStreams.WaitForHubAsync(hub, context) is { } unavailable)
        {
            return unavailable;
        }

        if (HeadRequests.IsHead(context))
        {
            // The headers a GET would get, and no stream: a HEAD's response ends with its headers.
            return TypedResults.ServerSentEvents(AsyncEnumerable.Empty<SseItem<object>>());
        }

        // Subscribe before reading the current footprint, so no change falls between the two.
        var listener = hub.TryListen(CallerIdentity.ForStreams(context), EventStreams.EndOf(context, lifetime));
        if (listener is null)
        {
            return EventStreams.TooMany(context);
        }

        try
        {
            var current = await cluster.FootprintGrain().GetAsync();
            var missed = resume is { } since ? await FootprintResume.ChangedSinceAsync(cluster, current, since) : [];
            return TypedResults.ServerSentEvents(Events(current, missed, listener));
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(
        GlobalFootprint current,
        IReadOnlyList<RegionSnapshot> missed,
        FootprintEventHub.Listener listener)
    {
        using var _ = listener;
        var last = current.ComputedAt;
        foreach (var region in missed)
        {
            yield return new SseItem<object>(region.ToResponse(), "region");
        }

        yield return Footprint(current);
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

            yield return Footprint(change.Footprint);
        }
    }

    /// <summary>
    /// A footprint event, its id the time it was computed (Unix milliseconds). Region events carry no id, so a client
    /// that drops between a change's regions and its footprint resumes from the footprint before and gets them again.
    /// </summary>
    private static SseItem<object> Footprint(GlobalFootprint footprint) =>
        new(FootprintResponse.From(footprint), "footprint") { EventId = FootprintResume.IdOf(footprint) };
}
