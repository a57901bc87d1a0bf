using RegionGrains.Gateway.Audit;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Health;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Json;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Security;
using RegionGrains.Grains;
using RegionGrains.Hosting.Dashboard;
using RegionGrains.Hosting.Orleans;
using RegionGrains.ServiceDefaults;
using RegionGrains.ServiceDefaults.Health;
using RegionGrains.ServiceDefaults.Telemetry;
using RegionGrains.ServiceDefaults.Startup;
using RegionGrains.Gateway.Conditional;
using RegionGrains.Gateway.OpenApi;

namespace RegionGrains.Gateway;

/// <summary>The gateway's services and middleware, so that Program reads as a table of contents.</summary>
internal static class GatewayBuilderExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Configuration key of the mode switch: <c>RegionGrains:Gateway:Mode</c> = Embedded | Client.</summary>
    public const string ModeKey = "RegionGrains:Gateway:Mode";

    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.AddRegionGrainsServiceDefaults(TelemetryServiceNames.Gateway, DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimit.MaxBytes);

        builder.AddGatewayOrleans();
        builder.AddGatewayJson();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.RemoveContentTypeMatching();
        // Before AddProblemDetails: writers are asked in order, and this one only takes what the default declines.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonRegardlessOfAccept>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
        builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
        builder.Services.AddOpenApi(o => ConditionalHeaders.Document(o.AddGatewayDocumentation()));
        builder.Services.AddReadinessCheck<ClusterHealthCheck>("cluster");
        builder.AddGatewaySecurity();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<FootprintEventHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FootprintEventHub>());
        return builder;
    }

    /// <summary>
    /// The one place the gateway mode is read: a co-hosted silo with the grains and the silo's dashboard, or an
    /// Orleans client with the client's dashboard.
    /// </summary>
    private static void AddGatewayOrleans(this WebApplicationBuilder builder)
    {
        if (EnumSetting.Read(builder.Configuration, ModeKey, GatewayMode.Embedded) == GatewayMode.Embedded)
        {
            builder.AddRegionGrainsSilo();
            builder.Services.AddRegionGrains();
            builder.AddRegionGrainsSiloDashboard();
        }
        else
        {
            builder.AddRegionGrainsClient();
            builder.AddRegionGrainsClientDashboard();
        }
    }

    public static WebApplication UseGatewayMiddleware(this WebApplication app)
    {
        // Routing explicitly after the HEAD rewrite (otherwise the host puts it first), so a HEAD finds its GET.
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseTraceparentResponseHeader();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Who is calling and whether it may, before anything about the body: a caller that may not send this request
        // learns nothing of the body rules (limit, coding, charset) from a 413 or 415.
        app.UseGatewaySecurity();

        // Only a request that found its endpoint has a query and a body worth judging: any other is answered 404 (or
        // 405), whatever it carries, so an address that does not exist reveals no query or body rule either.
        app.UseWhen(
            static context => context.GetEndpoint() is not null,
            static branch =>
            {
                branch.UseSingleQueryValues();
                branch.UseBodyLimit();
                branch.UseIdentityContentCoding();
                branch.UseJsonCharset();
            });
        return app;
    }
}
