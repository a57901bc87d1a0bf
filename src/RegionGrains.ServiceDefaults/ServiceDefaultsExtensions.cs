using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RegionGrains.ServiceDefaults.Http;
using RegionGrains.ServiceDefaults.Logging;
using RegionGrains.ServiceDefaults.Telemetry;

namespace RegionGrains.ServiceDefaults;

/// <summary>
/// What every RegionGrains process that serves HTTP starts with, as eShop's ServiceDefaults: its default URL, a
/// console log that no logged value can break into extra lines, OpenTelemetry and health checks. The endpoints that go with them are mapped by
/// <c>MapRegionGrainsHealthEndpoints</c> and <c>MapRegionGrainsMetrics</c>, each process deciding who may call them.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Listens on <paramref name="defaultUrl"/> unless configured otherwise, adds telemetry under
    /// <paramref name="serviceName"/>, and health checks (readiness checks are the process's own).
    /// </summary>
    public static WebApplicationBuilder AddRegionGrainsServiceDefaults(this WebApplicationBuilder builder, string serviceName, string defaultUrl)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseDefaultUrl(defaultUrl);
        builder.AddRegionGrainsConsoleLog();
        builder.AddRegionGrainsTelemetry(serviceName);
        builder.Services.AddHealthChecks();
        return builder;
    }
}
