using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RegionGrains.ServiceDefaults.Startup;

/// <summary>
/// The content root of a RegionGrains process is the folder of its assembly, where appsettings.json and the
/// catalog are copied, so that <c>dotnet RegionGrains.Gateway.dll</c> started from any folder reads them.
/// ASP.NET Core's default, the current directory, only works when the process is started from that folder.
/// </summary>
public static class ApplicationFolder
{
    /// <summary>
    /// Builder options with the application's folder as content root, unless one is given on the command line
    /// (<c>--contentRoot</c>) or in <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c>; test hosts give one.
    /// </summary>
    public static WebApplicationOptions BuilderOptions(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null,
        };
    }
}
