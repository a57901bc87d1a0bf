using RegionGrains.Sqlite.Clustering;
using RegionGrains.Sqlite.Journal;
using RegionGrains.Sqlite.Reminders;
using RegionGrains.Sqlite.Storage;

namespace RegionGrains.Sqlite;

/// <summary>Puts a silo's membership, journal, grain state and reminders in one SQLite file, for a cluster on one machine.</summary>
public static class SqliteHostingExtensions
{
    /// <summary>
    /// Membership through the SQLite membership table, the journal <paramref name="journalName"/> as
    /// <see cref="SqliteJournalStorage"/> (which reads rows of the whole-state format it replaced, written under the
    /// same name), each of <paramref name="storageNames"/> as <see cref="SqliteGrainStorage"/>, and Orleans reminders
    /// in <see cref="SqliteReminderTable"/>, all in
    /// <paramref name="dataDirectory"/>.
    /// </summary>
    public static ISiloBuilder UseSqlite(this ISiloBuilder silo, string dataDirectory, string journalName, IEnumerable<string> storageNames)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storageNames);
        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw SqliteDataFileException.ForDirectory(Path.GetFullPath(dataDirectory), exception);
        }

        silo.UseSqliteClustering(o => o.DataDirectory = dataDirectory);
        silo.AddSqliteJournal(journalName, o =>
        {
            o.DataDirectory = dataDirectory;
            o.LegacyProviderName = journalName;
        });
        foreach (var name in storageNames)
        {
            silo.AddSqliteGrainStorage(name, o => o.DataDirectory = dataDirectory);
        }

        silo.UseSqliteReminderService(o => o.DataDirectory = dataDirectory);

        return silo;
    }
}
