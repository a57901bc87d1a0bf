using Microsoft.Net.Http.Headers;

namespace RegionGrains.Gateway.Web;

/// <summary>
/// What a person sees in a browser: the live footprint map at <c>/</c> (static files from <c>wwwroot</c>, the
/// map libraries vendored under <c>wwwroot/lib</c>).
/// </summary>
internal static class MapPageExtensions
{
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
