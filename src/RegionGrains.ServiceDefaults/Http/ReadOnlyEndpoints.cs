using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RegionGrains.ServiceDefaults.Http;

/// <summary>
/// Endpoints the platform maps for every method (<c>Map</c>, as health checks and the Prometheus exporter do) made
/// GET and HEAD only: routing then answers any other method 405 with <c>Allow</c>, like every other endpoint,
/// instead of serving a scrape or a health report to a DELETE.
/// </summary>
public static class ReadOnlyEndpoints
{
    private static readonly HttpMethodMetadata Reads = new([HttpMethods.Get, HttpMethods.Head]);

    /// <summary>Restricts the endpoint to GET and HEAD.</summary>
    public static TBuilder ForReadsOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Reads);
}
