using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
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
        silo.Services.AddRedisReadiness(redis);
        silo.AddRedisJournal(name: null, redis.Clone());
        silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());

        return silo;
    }

    /// <summary>Journal streams in Redis, as the <see cref="IJournalStorage"/> of <paramref name="name"/>, or of the cluster when null.</summary>
    public static ISiloBuilder AddRedisJournal(this ISiloBuilder silo, string? name, ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Services.AddKeyedSingleton<IJournalStorage>(name, (services, _) =>
            new RedisJournalStorage(configuration, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo;
    }

    /// <summary>
    /// A readiness check: a silo on this store can serve only while the Redis server answers. Silos only: a client's
    /// readiness is the cluster's.
    /// </summary>
    internal static void AddRedisReadiness(this IServiceCollection services, ConfigurationOptions redis) =>
        // "ready" is the tag /health/ready runs (HealthEndpointExtensions.ReadyTag in ServiceDefaults).
        services.AddHealthChecks().AddRedis(redis.ToString(includePassword: true), name: "redis", tags: ["ready"], timeout: TimeSpan.FromSeconds(5));
}
