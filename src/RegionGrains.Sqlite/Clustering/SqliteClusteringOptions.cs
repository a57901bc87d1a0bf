using RegionGrains.Sqlite.Storage;

namespace RegionGrains.Sqlite.Clustering;

/// <summary>Options for the SQLite membership table that lets silo processes on one machine find each other.</summary>
public sealed class SqliteClusteringOptions
{
    /// <summary>Directory holding the database file; created when missing. Every silo and client of a cluster must point at the same file.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Database file name inside <see cref="DataDirectory"/>; by default the same file as the grain state.</summary>
    public string DatabaseFileName { get; set; } = SqliteStorageOptions.DefaultDatabaseFileName;

    /// <summary>How long an operation waits for another process to release the database lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
