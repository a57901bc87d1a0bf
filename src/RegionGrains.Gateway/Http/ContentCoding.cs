using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// Request bodies are taken uncompressed. RFC 9110 §8.4 has a server refuse with 415 a body in a content coding it does
/// not apply, and §12.5.3 lets the 415 say in <c>Accept-Encoding</c> what it takes. Without this check the framework
/// ignores <c>Content-Encoding</c>: a gzip body was parsed as if it were JSON (a 400 that blames the JSON), and a body
/// labelled gzip but sent plain was accepted. Bodies here are small JSON objects (at most 64 KiB), so compression buys
/// little, and no body is ever inflated past the body limit.
/// </summary>
internal static class ContentCoding
{
    public const string Detail = "Request bodies are sent uncompressed: without Content-Encoding, or with Content-Encoding: identity.";

    public static IApplicationBuilder UseIdentityContentCoding(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var codings = context.Request.Headers.ContentEncoding;
        if (codings.Count > 0 && context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: false } && !IsIdentity(codings))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            context.Response.Headers.AcceptEncoding = "identity";
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = Problem.Details(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type", Detail),
            });
            return;
        }

        await next(context);
    });

    private static bool IsIdentity(StringValues codings)
    {
        foreach (var header in codings)
        {
            foreach (var coding in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
