using Microsoft.Net.Http.Headers;
using RegionGrains.Hosting.Dashboard;
using RegionGrains.ServiceDefaults.Startup;

namespace RegionGrains.Gateway.Web;

/// <summary>
/// What a person sees in a browser: the live footprint map at <c>/</c> (static files from <c>wwwroot</c>, the
/// map libraries vendored under <c>wwwroot/lib</c>) and the Orleans dashboard on the gateway's Orleans silo or client.
/// </summary>
internal static class MapPageExtensions
{
    /// <summary>Adds the Orleans dashboard to the co-hosted silo (embedded mode) or to the gateway's client.</summary>
    public static WebApplicationBuilder AddGatewayDashboard(this WebApplicationBuilder builder)
    {
        var mode = EnumSetting.Read(builder.Configuration, GatewayBuilderExtensions.ModeKey, GatewayMode.Embedded);
        if (mode == GatewayMode.Embedded)
        {
            builder.AddRegionGrainsSiloDashboard();
        }
        else
        {
            builder.AddRegionGrainsClientDashboard();
        }

        return builder;
    }

    /// <summary>Serves <c>wwwroot</c>, with <c>index.html</c> for <c>/</c>.</summary>
    public static WebApplication UseMapPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The files carry no version in their names: a browser revalidates (ETag) so a new page is seen at once.
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }
}
