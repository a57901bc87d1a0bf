using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Turns exceptions into problem+json: unreadable bodies into 400, oversized bodies into 413, an
/// unreachable cluster into 503, anything else into a 500 without internals. Never a stack trace.
/// </summary>
internal sealed partial class GatewayExceptionHandler(IProblemDetailsService problems, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problem.Details(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge, "Request body too large", $"Request bodies are limited to {BodyLimit.MaxBytes} bytes."),
            BadHttpRequestException bad =>
                Problem.Details(bad.StatusCode, ProblemTypes.MalformedRequest, "The request could not be read", Describe(bad)),
            _ when IsClusterUnavailable(exception) =>
                Problem.Details(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ClusterUnavailable, "The cluster is unavailable", "The region cluster cannot be reached right now; retry shortly."),
            _ => Problem.Details(StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "Internal error", "The request failed; the gateway's log has the details."),
        };

        if (problem.Status >= 500)
        {
            LogFailed(exception, httpContext.Request.Method, httpContext.Request.Path, problem.Status.Value);
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "2";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static bool IsClusterUnavailable(Exception exception) => exception switch
    {
        SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or GatewayTooBusyException => true,
        TimeoutException or InconsistentStateException => true,
        OrleansException when exception.Message.Contains("gateway", StringComparison.OrdinalIgnoreCase) => true,
        OperationCanceledException => false,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsClusterUnavailable),
        { InnerException: { } inner } => IsClusterUnavailable(inner),
        _ => false,
    };

    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json
            ? $"The body is not valid JSON for this endpoint: {json.Message}"
            : exception.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private partial void LogFailed(Exception exception, string method, string path, int status);
}
