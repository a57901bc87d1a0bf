using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace RegionGrains.Hosting.Dashboard;

/// <summary>
/// The Orleans dashboard (<c>Microsoft.Orleans.Dashboard</c>) on every silo and client of the cluster, and its pages at
/// <see cref="Path"/> on each process that serves HTTP. Switched by <c>RegionGrains:Dashboard:Enabled</c> (default on);
/// benchmark runs switch it off, because it samples counters on every silo and profiles every grain call.
/// </summary>
public static class DashboardHostingExtensions
{
    /// <summary>The configuration switch.</summary>
    public const string EnabledKey = "RegionGrains:Dashboard:Enabled";

    /// <summary>Where the dashboard's pages and its JSON live.</summary>
    public const string Path = "/dashboard";

    /// <summary>Whether the dashboard is on; it is unless configuration says <c>false</c>.</summary>
    public static bool IsDashboardEnabled(this IConfiguration configuration) => configuration.GetValue(EnabledKey, defaultValue: true);

    /// <summary>Adds the dashboard to the silo this host runs (the silo's own client included).</summary>
    public static IHostApplicationBuilder AddRegionGrainsSiloDashboard(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.IsDashboardEnabled())
        {
            // A second UseOrleans configures the same silo: Orleans applies every delegate to one builder.
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return builder;
    }

    /// <summary>Adds the dashboard to the Orleans client this host runs; it shows what the silos' dashboards collect.</summary>
    public static IHostApplicationBuilder AddRegionGrainsClientDashboard(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.IsDashboardEnabled())
        {
            builder.UseOrleansClient(client => client.AddDashboard());
        }

        return builder;
    }

    /// <summary>
    /// Maps the dashboard under <see cref="Path"/> and returns its route group, the one place to put an authorization
    /// policy on it (<c>.RequireAuthorization(...)</c>). When the dashboard is switched off the group is empty, so
    /// <see cref="Path"/> answers 404 and the returned group still takes conventions.
    /// </summary>
    public static RouteGroupBuilder MapRegionGrainsDashboard(this WebApplication app) =>
        app.Configuration.IsDashboardEnabled() ? app.MapOrleansDashboard(Path) : app.MapGroup(Path);
}
