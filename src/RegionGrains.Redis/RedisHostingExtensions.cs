using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RegionGrains.Journal;
using RegionGrains.Redis.Journal;
using StackExchange.Redis;

namespace RegionGrains.Redis;

/// <summary>Puts a silo's membership, journal, grain state and reminders on Redis: Orleans' own Redis providers and this project's journal.</summary>
public static class RedisHostingExtensions
{
    /// <summary>
    /// Membership through Orleans' Redis clustering, the journal <paramref name="journalName"/> as
    /// <see cref="RedisJournalStorage"/>, each of <paramref name="storageNames"/> through Orleans' Redis grain storage,
    /// and reminders through Orleans' Redis reminder table.
    /// </summary>
    public static ISiloBuilder UseRedis(this ISiloBuilder silo, ConfigurationOptions redis, string journalName, IEnumerable<string> storageNames)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(storageNames);
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
        silo.AddRedisJournal(journalName, redis.Clone());
        foreach (var name in storageNames)
        {
            silo.AddRedisGrainStorage(name, o => o.ConfigurationOptions = redis.Clone());
        }

        silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());

        return silo;
    }

    /// <summary>Journal streams in Redis, as the <see cref="IJournalStorage"/> of <paramref name="name"/>.</summary>
    public static ISiloBuilder AddRedisJournal(this ISiloBuilder silo, string name, ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Services.AddKeyedSingleton<IJournalStorage>(name, (services, _) =>
            new RedisJournalStorage(configuration, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo;
    }
}
