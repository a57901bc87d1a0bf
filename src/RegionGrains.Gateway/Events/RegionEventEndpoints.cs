using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Grains;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Security;

namespace RegionGrains.Gateway.Events;

/// <summary>The <c>/api/regions/{id}/events</c> resource: one region's events as a resumable server-sent event stream.</summary>
public static class RegionEventEndpoints
{
    public static IEndpointRouteBuilder MapRegionEventEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regions").WithTags("Regions");
        group.MapGet("/{id}/events", StreamRegionEvents)
            .WithName(nameof(StreamRegionEvents))
            .RequireAccess(app, GatewayPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Server-sent events of one region: each event's id is its version and its name its kind, data as in the history. Last-Event-ID (or ?after=N) resumes exactly after that version; without either the stream opens with a 'head' event carrying the current version. 410 history-truncated when the resume point is older than the history kept.");
        return app;
    }

    internal static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult, ValidationProblem>> StreamRegionEvents(
        string id,
        IClusterClient cluster,
        FootprintEventHub hub,
        IOptions<EventStreamOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        HttpContext context,
        string? after = null)
    {
        var errors = new ValidationErrors().RegionId(id);
        var resume = ResumePoint.Read(context.Request, after, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        if (await EventStreams.WaitForHubAsync(hub, context) is { } unavailable)
        {
            return unavailable;
        }

        // Listen before reading the journal, so no change falls between the read and the first wake-up.
        var ended = EventStreams.EndOf(context, lifetime);
        var listener = hub.TryListen(CallerIdentity.ForStreams(context), ended);
        if (listener is null)
        {
            return EventStreams.TooMany(context);
        }

        var streaming = false;
        try
        {
            var grain = cluster.RegionGrain(id);
            var page = await grain.GetEventsAsync(resume ?? long.MaxValue, 1);
            if (page is null)
            {
                return Problem.RegionNotFound(id);
            }

            if (resume > page.Head)
            {
                var field = context.Request.Headers.ContainsKey(ResumePoint.Header) ? ResumePoint.Header : "after";
                return Problem.Invalid(field, $"{field} is after the region's latest version, {page.Head}.");
            }

            if (page.Truncated)
            {
                return TypedResults.Problem(Problem.Details(
                    StatusCodes.Status410Gone,
                    ProblemTypes.HistoryTruncated,
                    "The resume point is older than the history kept",
                    $"The events right after version {resume} of region '{id}' are no longer kept; read the region again and open the stream without a resume point."));
            }

            if (HeadRequests.IsHead(context))
            {
                return TypedResults.ServerSentEvents(AsyncEnumerable.Empty<SseItem<object>>());
            }

            var stream = new RegionEventStream(grain, id, listener, options.Value, time);
            streaming = true;
            return TypedResults.ServerSentEvents(resume is { } from
                ? stream.FollowAsync(null, from)
                : stream.FollowAsync(RegionEventStream.Head(page.Head), page.Head));
        }
        finally
        {
            if (!streaming)
            {
                listener.Dispose();
            }
        }
    }
}
