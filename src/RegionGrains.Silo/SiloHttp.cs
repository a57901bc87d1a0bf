using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RegionGrains.Silo;

/// <summary>
/// The silo's small HTTP side: health for orchestrators. It listens on a free loopback port unless
/// <c>--urls</c> / <c>ASPNETCORE_URLS</c> choose one, so any number of silos can start on one machine.
/// </summary>
internal static class SiloHttp
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddSiloHttpDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapSiloHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        return app;
    }
}
