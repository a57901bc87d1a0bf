using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Sqlite.Clustering;
using RegionGrains.Sqlite.Journal;
using RegionGrains.Sqlite.Reminders;

namespace RegionGrains.Sqlite;

/// <summary>Puts a silo's membership, journal and reminders in one SQLite file, for a cluster on one machine.</summary>
public static class SqliteHostingExtensions
{
    /// <summary>
    /// Membership through the SQLite membership table, the cluster's journal (the unnamed
    /// <see cref="RegionGrains.Journal.IJournalStorage"/>) as <see cref="SqliteJournalStorage"/>, and Orleans reminders
    /// in <see cref="SqliteReminderTable"/>, all in <paramref name="dataDirectory"/>; and a readiness check that the file
    /// takes writes (<see cref="SqliteWritableCheck"/>).
    /// </summary>
    public static ISiloBuilder UseSqlite(this ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw SqliteDataFileException.ForDirectory(Path.GetFullPath(dataDirectory), exception);
        }

        silo.UseSqliteClustering(o => o.DataDirectory = dataDirectory);
        silo.AddSqliteJournal(name: null, o => o.DataDirectory = dataDirectory);
        silo.UseSqliteReminderService(o => o.DataDirectory = dataDirectory);
        // "ready" is the tag /health/ready runs (HealthEndpointExtensions.ReadyTag in ServiceDefaults). Silos only: a
        // client's readiness is the cluster's.
        silo.Services.AddHealthChecks().AddCheck<SqliteWritableCheck>("sqlite", tags: ["ready"], timeout: SqliteWritableCheck.Timeout);

        return silo;
    }
}
