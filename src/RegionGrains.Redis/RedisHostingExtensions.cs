using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using RegionGrains.Journal;
using RegionGrains.Redis.Journal;
using StackExchange.Redis;

namespace RegionGrains.Redis;

/// <summary>Puts a silo's membership, journal and reminders on Redis: Orleans' own Redis providers and this project's journal.</summary>
public static class RedisHostingExtensions
{
    /// <summary>
    /// Membership through Orleans' Redis clustering, the cluster's journal (the unnamed <see cref="IJournalStorage"/>)
    /// as <see cref="RedisJournalStorage"/>, and reminders through Orleans' Redis reminder table.
    /// </summary>
    public static ISiloBuilder UseRedis(this ISiloBuilder silo, ConfigurationOptions redis)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(redis);
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
        silo.Services.ShareConnectionWithClustering(redis);
        silo.Services.AddRedisReadiness();
        silo.AddRedisJournal(name: null, redis);
        silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
        silo.Services.AddOptions<RedisReminderTableOptions>()
            .Configure<SharedRedisConnection>((o, shared) => o.CreateMultiplexer = async _ => (await shared.GetAsync(), true));

        return silo;
    }

    /// <summary>A client's gateway list from Orleans' Redis clustering, over the process's <see cref="SharedRedisConnection"/>.</summary>
    public static IClientBuilder UseRedis(this IClientBuilder client, ConfigurationOptions redis)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(redis);
        client.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
        client.Services.ShareConnectionWithClustering(redis);
        return client;
    }

    /// <summary>
    /// Journal streams in Redis, as the <see cref="IJournalStorage"/> of <paramref name="name"/>, or of the cluster when
    /// null, over the process's <see cref="SharedRedisConnection"/> (registered here unless it already is).
    /// </summary>
    public static ISiloBuilder AddRedisJournal(this ISiloBuilder silo, string? name, ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Services.AddSharedRedisConnection(configuration);
        silo.Services.AddKeyedSingleton<IJournalStorage>(name, (services, _) =>
            new RedisJournalStorage(
                services.GetRequiredService<SharedRedisConnection>(),
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo;
    }

    /// <summary>Orleans' Redis membership (or gateway list) over the process's one connection, which it does not dispose.</summary>
    private static void ShareConnectionWithClustering(this IServiceCollection services, ConfigurationOptions redis)
    {
        services.AddSharedRedisConnection(redis);
        services.AddOptions<RedisClusteringOptions>()
            .Configure<SharedRedisConnection>((o, shared) => o.CreateMultiplexer = async _ => (await shared.GetAsync(), true));
    }

    /// <summary>The process's one Redis connection; the first registration wins, so every user shares it.</summary>
    private static void AddSharedRedisConnection(this IServiceCollection services, ConfigurationOptions redis) =>
        services.TryAddSingleton(_ => new SharedRedisConnection(redis));

    /// <summary>
    /// A readiness check: a silo on this store can serve only while the Redis server answers a ping on the shared
    /// connection. Silos only: a client's readiness is the cluster's.
    /// </summary>
    private static void AddRedisReadiness(this IServiceCollection services) =>
        // "ready" is the tag /health/ready runs (HealthEndpointExtensions.ReadyTag in ServiceDefaults). The check's
        // factory is synchronous: by the time readiness is asked, membership has opened the connection, and when it
        // has not, connecting returns after one attempt (AbortOnConnectFail=false), so the wait is bounded.
        services.AddHealthChecks().AddRedis(
            services => services.GetRequiredService<SharedRedisConnection>().GetAsync().GetAwaiter().GetResult(),
            name: "redis",
            tags: ["ready"],
            timeout: TimeSpan.FromSeconds(5));
}
