using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RegionGrains.Gateway.Health;

/// <summary>Liveness (the process runs) and readiness (the cluster answers).</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithName("Live");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).WithName("Ready");
        return app;
    }
}
