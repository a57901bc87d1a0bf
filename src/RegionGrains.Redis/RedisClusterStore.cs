using Microsoft.Extensions.Configuration;
using Orleans.Providers;
using Orleans.Reminders.Redis;
using RegionGrains.Journal.Stores;
using RegionGrains.Redis;
using StackExchange.Redis;

[assembly: RegisterProvider(RedisClusterStore.ProviderType, "Clustering", "Silo", typeof(RedisClusterStore))]
[assembly: RegisterProvider(RedisClusterStore.ProviderType, "Clustering", "Client", typeof(RedisClusterStore))]

namespace RegionGrains.Redis;

/// <summary>
/// The Redis store, everything about it in one place: a silo's membership and reminders through Orleans' Redis
/// providers and the journal of this project (<see cref="RedisHostingExtensions.UseRedis(ISiloBuilder, ConfigurationOptions)"/>), a client's gateway list,
/// and which of its failures mean "unavailable". Orleans configures it from <c>Orleans:Clustering</c>
/// (<c>ProviderType</c> <see cref="ProviderType"/>; <c>ServiceKey</c> names the connection string, <c>redis</c> when
/// absent), which <c>RegionGrains:Provider=Redis</c> fills in.
/// </summary>
public sealed class RedisClusterStore : IClusterStore, IProviderBuilder<ISiloBuilder>, IProviderBuilder<IClientBuilder>
{
    /// <summary>The clustering provider type this store registers as.</summary>
    public const string ProviderType = "RegionGrains.Redis";

    /// <inheritdoc />
    public string Name => "Redis";

    /// <inheritdoc />
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configurationSection);
        // Read here, so a missing connection string stops the silo at start-up with what to set.
        builder.UseRedis(RedisConnection.Read(builder.Configuration, configurationSection["ServiceKey"] ?? RedisConnection.Name));
    }

    /// <inheritdoc />
    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configurationSection);
        builder.UseRedis(RedisConnection.Read(builder.Configuration, configurationSection["ServiceKey"] ?? RedisConnection.Name));
    }

    /// <inheritdoc />
    public bool IsUnavailable(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException;

    /// <inheritdoc />
    /// <remarks>Orleans' Redis reminder table words a connection failure as its own exception, with the client's in its message.</remarks>
    public string? ExplainStartupFailure(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or RedisRemindersException
            ? StoreStartupFailure.Explain("the Redis server", $"ConnectionStrings:{RedisConnection.Name}", exception)
            : null;
}
