namespace RegionGrains.Sqlite;

/// <summary>
/// Where a SQLite-backed component keeps its file, and how long it waits for another process's lock. The journal, grain
/// storage and the membership table use the same file by default, and share one writer per file in a process
/// (<see cref="SqliteFileWriter"/>).
/// </summary>
public abstract class SqliteFileOptions
{
    /// <summary>The default database file name inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultDatabaseFileName = "regiongrains.db";

    /// <summary>Directory holding the database file; created when missing. Relative paths resolve against the current directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Database file name inside <see cref="DataDirectory"/>.</summary>
    public string DatabaseFileName { get; set; } = DefaultDatabaseFileName;

    /// <summary>How long a write waits for another connection or process to release the database lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
