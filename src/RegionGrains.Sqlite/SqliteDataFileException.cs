using Microsoft.Data.Sqlite;

namespace RegionGrains.Sqlite;

/// <summary>
/// A database file (or its data directory) this process cannot use: not a SQLite database or damaged, not writable
/// here, or on a full or failing disk. Raised when a database is first opened, which is at start-up for every host, with a message for
/// the operator that names the file and what to do; the SQLite error is the inner exception.
/// </summary>
/// <remarks>
/// An <see cref="IOException"/>, because that is what it is to the host: a file it cannot use. Hosts stop on one at
/// start-up with its message and exit code 1 instead of a stack trace (<c>StartupErrors</c> in ServiceDefaults).
/// </remarks>
public sealed class SqliteDataFileException : IOException
{
    // SQLite's primary result codes (https://www.sqlite.org/rescode.html) that say the file, not the statement, is the problem.
    private const int Perm = 3;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public SqliteDataFileException()
    {
    }

    public SqliteDataFileException(string message)
        : base(message)
    {
    }

    public SqliteDataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The data directory itself cannot be created (a file in its path, no permission, a read-only mount).</summary>
    public static SqliteDataFileException ForDirectory(string directory, Exception cause) =>
        new($"The data directory '{directory}' cannot be created: {cause.Message} Check RegionGrains:DataDirectory.", cause);

    /// <summary>The operator's explanation of <paramref name="cause"/>, or null when the cause is not about the file itself.</summary>
    public static SqliteDataFileException? For(string filePath, Exception cause)
    {
        var reason = cause switch
        {
            SqliteException { SqliteErrorCode: NotADatabase or Corrupt } =>
                "it is not a SQLite database, or it is damaged. Restore it from a backup, or move it (with its -wal and -shm files) out of the data directory to start with an empty one.",
            SqliteException { SqliteErrorCode: ReadOnly or Perm } or UnauthorizedAccessException =>
                "this process may not write it or its directory. Check their owner and permissions, and that the file system is not mounted read-only.",
            SqliteException { SqliteErrorCode: CantOpen } =>
                "it cannot be opened or created. Check that RegionGrains:DataDirectory names a directory this process may write.",
            SqliteException { SqliteErrorCode: Full } => "the disk is full.",
            // Opening a file in WAL mode creates its -wal and -shm files, which on a full disk fails as an I/O error.
            SqliteException { SqliteErrorCode: IoErr } when HasNoFreeSpace(filePath) => "the disk is full.",
            SqliteException { SqliteErrorCode: IoErr } => $"the disk reported an I/O error ({cause.Message}).",
            IOException => $"its directory cannot be created ({cause.Message}).",
            _ => null,
        };
        return reason is null ? null : new SqliteDataFileException($"The data file '{filePath}' cannot be used: {reason}", cause);
    }

    private static bool HasNoFreeSpace(string filePath)
    {
        try
        {
            return new DriveInfo(Path.GetDirectoryName(filePath)!).AvailableFreeSpace == 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
