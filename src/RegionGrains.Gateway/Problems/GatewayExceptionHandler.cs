using Microsoft.AspNetCore.Diagnostics;
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
    ClusterClientConnection? clientConnection = null) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => RequestBodyProblems.Describe(bad),
            _ when ClusterFailures.IsUnavailable(exception) || clientConnection is { IsConnected: false } =>
                Problem.Details(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ClusterUnavailable, "The cluster is unavailable", "The region cluster cannot be reached right now; retry shortly."),
            _ => FrameworkProblems.Details(StatusCodes.Status500InternalServerError),
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private partial void LogFailed(Exception exception, string method, string path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503, the cluster is unavailable: {ExceptionType}: {Reason}")]
    private partial void LogUnavailable(string method, string path, string exceptionType, string reason);
}
