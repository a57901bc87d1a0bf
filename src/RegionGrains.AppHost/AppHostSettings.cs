using Microsoft.Extensions.Configuration;

namespace RegionGrains.AppHost;

/// <summary>The AppHost's own settings, from its configuration (<c>--RegionGrains:Silos=5</c>, environment, appsettings).</summary>
internal sealed record AppHostSettings(int Silos, int GatewayPort, string DataDirectory, bool UseRedis, int RedisPort, IReadOnlyDictionary<string, string> Tls)
{
    public static AppHostSettings From(IDistributedApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var silos = configuration.GetValue("RegionGrains:Silos", 3);
        if (silos is < 1 or > 16)
        {
            throw new InvalidOperationException($"RegionGrains:Silos must be 1 to 16, not {silos}.");
        }

        // One data directory for every process: the SQLite file holds the membership table that makes them one cluster.
        var dataDirectory = Path.GetFullPath(
            configuration["RegionGrains:DataDirectory"] ?? Path.Combine(builder.AppHostDirectory, "..", "..", "data", "apphost"));
        var provider = configuration["RegionGrains:Provider"] ?? "Sqlite";
        if (provider is not ("Sqlite" or "Redis"))
        {
            throw new InvalidOperationException($"RegionGrains:Provider must be Sqlite or Redis, not '{provider}'.");
        }

        // TLS between silos and the gateway: the same RegionGrains:Tls settings every process reads, passed on as they are.
        var tls = configuration.GetSection("RegionGrains:Tls").AsEnumerable(makePathsRelative: true)
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .ToDictionary(p => "RegionGrains__Tls__" + p.Key.Replace(":", "__", StringComparison.Ordinal), p => ResolvePath(p.Key, p.Value!, builder.AppHostDirectory), StringComparer.Ordinal);

        return new AppHostSettings(
            silos,
            configuration.GetValue("RegionGrains:GatewayPort", 5080),
            dataDirectory,
            provider == "Redis",
            configuration.GetValue("RegionGrains:RedisPort", 6380),
            tls);
    }

    /// <summary>File settings are resolved against the AppHost's folder, so the processes find them from their own.</summary>
    private static string ResolvePath(string key, string value, string appHostDirectory) =>
        key.EndsWith("Path", StringComparison.Ordinal) ? Path.GetFullPath(value, appHostDirectory) : value;
}
