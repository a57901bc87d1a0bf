using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Journal;

namespace RegionGrains.Sqlite.Journal;

/// <summary>Registers <see cref="SqliteJournalStorage"/> as the <see cref="IJournalStorage"/> of a name, or as the cluster's journal (the grains resolve it as a keyed service).</summary>
public static class SqliteJournalExtensions
{
    /// <summary>
    /// Journal streams in the SQLite file of <paramref name="configure"/>'s data directory, created at silo start, as
    /// the journal of <paramref name="name"/>, or with a null name as the cluster's journal (the unkeyed service).
    /// </summary>
    public static ISiloBuilder AddSqliteJournal(this ISiloBuilder silo, string? name, Action<SqliteJournalOptions> configure)
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
        if (name is null)
        {
            // The cluster's journal is the file where a data directory in the whole-state format keeps its rows.
            silo.Services.AddSingleton(static services => services.GetRequiredService<SqliteJournalStorage>().WholeStateRows);
        }

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
