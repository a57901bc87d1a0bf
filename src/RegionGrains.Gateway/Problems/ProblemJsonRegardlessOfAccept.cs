using Microsoft.Net.Http.Headers;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Every error is problem+json (RFC 9457), even for a caller whose <c>Accept</c> names only other types: the default
/// writer declines those, which left an error with an empty body. This writer takes exactly those cases and hands
/// them back to the default writer as a request that accepts problem+json, so the body and its customization stay one.
/// </summary>
internal sealed class ProblemJsonRegardlessOfAccept(IServiceProvider services) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => !AcceptsJson(context.HttpContext.Request.Headers.Accept);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        context.HttpContext.Request.Headers.Accept = "application/problem+json";
        return services.GetRequiredService<IProblemDetailsService>().WriteAsync(context);
    }

    private static bool AcceptsJson(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return true;
        }

        return types.Any(t =>
            t.MatchesAllTypes ||
            (t.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && (t.MatchesAllSubTypes || t.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || t.SubType.Equals("problem+json", StringComparison.OrdinalIgnoreCase))));
    }
}
