using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Journal;
using StackExchange.Redis;

namespace RegionGrains.Hosting.Storage;

/// <summary>Registers an <see cref="IJournalStorage"/> under a name (the grains resolve it as a keyed service).</summary>
public static class JournalStorageExtensions
{
    /// <summary>Journal streams in the SQLite file of <paramref name="configure"/>'s data directory, created at silo start.</summary>
    public static ISiloBuilder AddSqliteJournal(this ISiloBuilder silo, string name, Action<SqliteJournalOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);
        silo.Services.AddKeyedSingleton(name, (services, _) =>
        {
            var options = new SqliteJournalOptions();
            configure(options);
            return new SqliteJournalStorage(options, services.GetRequiredService<IOptions<ClusterOptions>>());
        });
        silo.Services.AddKeyedSingleton<IJournalStorage>(name, static (services, key) => services.GetRequiredKeyedService<SqliteJournalStorage>(key));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new JournalStartup(
            services.GetRequiredKeyedService<SqliteJournalStorage>(name)));
        return silo;
    }

    /// <summary>Journal streams in Redis.</summary>
    public static ISiloBuilder AddRedisJournal(this ISiloBuilder silo, string name, ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Services.AddKeyedSingleton<IJournalStorage>(name, (services, _) =>
            new RedisJournalStorage(configuration, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo;
    }

    /// <summary>Journal streams in this process's memory only (tests, load-test runs without a disk).</summary>
    public static ISiloBuilder AddInMemoryJournal(this ISiloBuilder silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddKeyedSingleton<IJournalStorage>(name, (_, _) => new InMemoryJournalStorage());
        return silo;
    }

    /// <summary>Creates the SQLite file and tables when the silo starts, so a bad data directory stops it there.</summary>
    private sealed class JournalStartup(SqliteJournalStorage storage) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe<JournalStartup>(ServiceLifecycleStage.ApplicationServices, _ =>
            {
                storage.EnsureCreated();
                return Task.CompletedTask;
            });
    }
}
