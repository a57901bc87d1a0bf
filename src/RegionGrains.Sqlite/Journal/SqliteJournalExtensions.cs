using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Journal;

namespace RegionGrains.Sqlite.Journal;

/// <summary>Registers <see cref="SqliteJournalStorage"/> as the <see cref="IJournalStorage"/> of a name (the grains resolve it as a keyed service).</summary>
public static class SqliteJournalExtensions
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
