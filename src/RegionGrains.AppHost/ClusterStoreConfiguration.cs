using Aspire.Hosting.Orleans;

namespace RegionGrains.AppHost;

/// <summary>
/// The cluster's store, given to Aspire's Orleans integration as its clustering provider: it writes the keys
/// RegionGrains' stores register under (<c>Orleans__Clustering__ProviderType=RegionGrains.Sqlite</c> or
/// <c>RegionGrains.Redis</c>) and what the store reads besides (the data directory; the connection string's name as
/// <c>ServiceKey</c>, with the connection string), so every process that references the Orleans resource runs on it.
/// </summary>
internal sealed class ClusterStoreConfiguration(AppHostSettings settings, IResourceBuilder<ExecutableResource>? redis) : IProviderConfiguration
{
    private const string RedisConnectionName = "redis";

    public void ConfigureResource<T>(IResourceBuilder<T> resourceBuilder, string configSectionPath)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(resourceBuilder);
        var prefix = "Orleans__" + configSectionPath.Replace(":", "__", StringComparison.Ordinal);
        if (redis is null)
        {
            resourceBuilder
                .WithEnvironment($"{prefix}__ProviderType", "RegionGrains.Sqlite")
                .WithEnvironment($"{prefix}__DataDirectory", settings.DataDirectory);
            return;
        }

        resourceBuilder
            .WithEnvironment($"{prefix}__ProviderType", "RegionGrains.Redis")
            .WithEnvironment($"{prefix}__ServiceKey", RedisConnectionName)
            .WithEnvironment($"ConnectionStrings__{RedisConnectionName}", "127.0.0.1:" + settings.RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
