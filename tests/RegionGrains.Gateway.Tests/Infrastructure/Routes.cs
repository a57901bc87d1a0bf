using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>
/// Every route the gateway maps, read from its endpoint data source, so that a test over "every route" covers the
/// routes added after it was written. Each is given a concrete address with every parameter filled in.
/// </summary>
public static class Routes
{
    /// <summary>A value every route parameter takes (a region id, a resource, a reservation id, a consumer).</summary>
    public const string ParameterValue = "probe";

    public sealed record Route(string Method, string Path, string Pattern, Endpoint Endpoint)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    /// <summary>Each method of each route endpoint, with its address; endpoints without methods are listed as "*".</summary>
    public static IReadOnlyList<Route> All(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => new Route(m, PathOf(e.RoutePattern), e.RoutePattern.RawText ?? string.Empty, e)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
    ];

    /// <summary>The routes that take a body: POST, PUT and PATCH (DELETE is listed too: it changes state).</summary>
    public static IReadOnlyList<Route> Writes(IServiceProvider services) =>
        [.. All(services).Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE")];

    private static string PathOf(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "1",
            RoutePatternParameterPart => ParameterValue,
            _ => string.Empty,
        })));
        return "/" + string.Join("/", segments);
    }
}
