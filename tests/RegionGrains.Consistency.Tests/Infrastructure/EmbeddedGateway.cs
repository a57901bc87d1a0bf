using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace RegionGrains.Consistency.Tests.Infrastructure;

/// <summary>
/// The real gateway in its embedded default (a co-hosted silo on SQLite) in this process. Two on one data directory
/// with the same cluster id are two silos of one cluster; with different cluster ids they are two clusters on one
/// journal file, which is how a test gets a second, stale activation of a region on purpose.
/// </summary>
public sealed class EmbeddedGateway(
    string dataDirectory,
    string clusterId,
    IReadOnlyDictionary<string, string>? settings = null,
    Action<ILoggingBuilder>? logging = null) : WebApplicationFactory<Program>
{
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "regiongrains-consistency-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("RegionGrains:DataDirectory", dataDirectory);
        builder.UseSetting("RegionGrains:ClusterId", clusterId);
        builder.UseSetting("RegionGrains:ServiceId", "consistency");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (logging is not null)
        {
            builder.ConfigureLogging(logging);
        }
    }
}
