using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RegionGrains.Hosting.Orleans;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Turns exceptions into problem+json: unreadable bodies into 400, the server's other refusals while a body is read
/// (too large, trailers too large, too slow) into their own statuses, an unreachable cluster into 503, anything else
/// into a 500 without internals. Never a stack trace.
/// In client mode, any failure before the client first reached the cluster is a 503 too: until then a grain call
/// fails in ways that name no silo (the client has no gateway and no grain manifest yet).
/// </summary>
internal sealed partial class GatewayExceptionHandler(
    IProblemDetailsService problems,
    ILogger<GatewayExceptionHandler> logger,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    ClusterClientConnection? clientConnection = null) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => RequestBodyProblems.Describe(
                bad, BodyType(httpContext), json.Value.SerializerOptions),
            _ => Describe(exception, clientConnection),
        };

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // An outage fails every request the same way: one line each, not a stack trace each.
            LogUnavailable(httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
            httpContext.Response.Headers.RetryAfter = Problem.UnavailableRetryAfterSeconds;
        }
        else if (problem.Status >= 500)
        {
            LogFailed(exception, httpContext.Request.Method, httpContext.Request.Path, problem.Status.Value);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The body type of the endpoint the request was routed to. The exception handler runs with the endpoint cleared
    /// from the context; the feature it is handed keeps the one that failed.
    /// </summary>
    private static Type? BodyType(HttpContext httpContext) =>
        (httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint())?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The problem of a failed grain call: 503 while the cluster cannot be reached, otherwise 500 without internals.</summary>
    public static ProblemDetails Describe(Exception exception, ClusterClientConnection? clientConnection) =>
        ClusterFailures.IsUnavailable(exception) || clientConnection is { IsConnected: false }
            ? Problem.ClusterUnavailable()
            : FrameworkProblems.Details(StatusCodes.Status500InternalServerError);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private partial void LogFailed(Exception exception, string method, string path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503, the cluster is unavailable: {ExceptionType}: {Reason}")]
    private partial void LogUnavailable(string method, string path, string exceptionType, string reason);
}
