using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegionGrains.ServiceDefaults.Http;

namespace RegionGrains.ServiceDefaults.Health;

/// <summary>
/// The health endpoints of every RegionGrains process: <c>/health/live</c> (the process runs; no check is asked) and
/// <c>/health/ready</c> (every check tagged <see cref="ReadyTag"/> passes). Each process adds its own readiness checks
/// with <see cref="AddReadinessCheck{T}"/>: the gateway asks the cluster, a silo asks whether it is Active.
/// </summary>
public static class HealthEndpointExtensions
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The liveness path.</summary>
    public const string LivePath = "/health/live";

    /// <summary>The readiness path.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Adds <typeparamref name="T"/> as a check that <c>/health/ready</c> runs.</summary>
    public static IHealthChecksBuilder AddReadinessCheck<T>(this IServiceCollection services, string name)
        where T : class, IHealthCheck =>
        services.AddHealthChecks().AddCheck<T>(name, tags: [ReadyTag]);

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>, for GET and HEAD only (any other method is a 405).</summary>
    public static IEndpointRouteBuilder MapRegionGrainsHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ForReadsOnly().WithName("Live");
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).ForReadsOnly().WithName("Ready");
        return endpoints;
    }
}
