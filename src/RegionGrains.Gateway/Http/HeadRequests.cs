using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// HEAD wherever GET is (RFC 9110 §9.1: a general-purpose server supports both; §9.3.2: HEAD is GET without the
/// content). Endpoints are mapped for GET, so routing answered a HEAD with 405; instead, a HEAD is routed and run as
/// the GET of the same address, the same authorization, rate limits and status apply, and the body it writes is
/// dropped here rather than relying on the server to drop it. A 405's <c>Allow</c> lists HEAD beside GET.
/// </summary>
internal static class HeadRequests
{
    /// <summary>Runs before routing, so that a HEAD matches the GET endpoint of its address.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(static (context, next) =>
        HttpMethods.IsHead(context.Request.Method) ? RunAsGetAsync(context, next) : next(context));

    /// <summary>True while a HEAD request runs as its GET: an endpoint that streams (server-sent events) ends at once.</summary>
    public static bool IsHead(HttpContext context) => context.Features.Get<HeadRequestFeature>() is not null;

    private static async Task RunAsGetAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        context.Features.Set(HeadRequestFeature.Instance);
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            // The request's telemetry and logs name the method the client sent.
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    }

    /// <summary>
    /// Adds HEAD after GET in a 405's <c>Allow</c> (routing lists the mapped methods only). Called where the 405's
    /// problem is written, so other responses pay nothing for it.
    /// </summary>
    public static void AddHeadToAllow(HttpResponse response)
    {
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed && response.Headers.Allow is { Count: > 0 } allow)
        {
            var methods = allow.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase) && !methods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                methods.Insert(methods.FindIndex(m => string.Equals(m, HttpMethods.Get, StringComparison.OrdinalIgnoreCase)) + 1, HttpMethods.Head);
                response.Headers[HeaderNames.Allow] = new StringValues(string.Join(", ", methods));
            }
        }
    }

    private sealed class HeadRequestFeature
    {
        public static readonly HeadRequestFeature Instance = new();
    }
}
