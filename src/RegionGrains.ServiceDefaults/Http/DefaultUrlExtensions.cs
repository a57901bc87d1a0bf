using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace RegionGrains.ServiceDefaults.Http;

/// <summary>Where a process listens when nothing says otherwise.</summary>
public static class DefaultUrlExtensions
{
    /// <summary>
    /// Listens on <paramref name="url"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c>
    /// (or their <c>DOTNET_</c> forms) choose. ASP.NET Core's own default, port 5000 on every host, would collide
    /// between processes on one machine.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }
}
