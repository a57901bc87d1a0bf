using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Events;

/// <summary>What every server-sent event stream of the gateway does alike: wait for the hub, end with the gateway, obey the stream limits.</summary>
internal static class EventStreams
{
    private const string TooManyRetryAfterSeconds = "5";
    private static readonly TimeSpan SubscribeWait = TimeSpan.FromSeconds(10);

    /// <summary>Null once the hub receives the cluster's changes; a 503 problem when it did not within a few seconds.</summary>
    public static async Task<ProblemHttpResult?> WaitForHubAsync(FootprintEventHub hub, HttpContext context)
    {
        try
        {
            await hub.Subscribed.WaitAsync(SubscribeWait, context.RequestAborted);
            return null;
        }
        catch (TimeoutException)
        {
            context.Response.Headers.RetryAfter = Problem.UnavailableRetryAfterSeconds;
            return TypedResults.Problem(Problem.Details(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ClusterUnavailable, "The cluster is unavailable", "This gateway is not receiving the cluster's changes yet; retry shortly."));
        }
    }

    /// <summary>
    /// Fires when the request ends or the gateway stops: an open stream would otherwise hold up a graceful shutdown
    /// until its timeout, and the client reconnects to the next process anyway.
    /// </summary>
    public static CancellationToken EndOf(HttpContext context, IHostApplicationLifetime lifetime)
    {
        var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(ended);
        return ended.Token;
    }

    /// <summary>The 429 for a caller, or a gateway, at its limit of open streams.</summary>
    public static ProblemHttpResult TooMany(HttpContext context)
    {
        context.Response.Headers.RetryAfter = TooManyRetryAfterSeconds;
        return TypedResults.Problem(Problem.Details(
            StatusCodes.Status429TooManyRequests,
            ProblemTypes.TooManyStreams,
            "Too many event streams",
            "This caller, or the gateway as a whole, has as many event streams open as its limits allow; close one, or retry later."));
    }
}
