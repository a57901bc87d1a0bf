using Microsoft.Data.Sqlite;

namespace RegionGrains.Sqlite;

/// <summary>
/// The one writer of a database file in this process: its write queue (group commit) and its background checkpoint.
/// Every <see cref="SqliteDatabase"/> on the same file shares it, so the journal, grain storage and the membership
/// table of a silo commit through one queue in arrival order instead of racing for SQLite's file lock.
/// </summary>
/// <remarks>
/// SQLite admits one writer per file and makes the others retry on a timer (busy_timeout), which is not fair: while
/// the journal commits back to back under load (and it holds the lock through each fsync), a membership heartbeat on
/// another connection of the same process could wait out its whole timeout and fail with "database is locked". In
/// one queue it waits for at most the batch ahead of it. Other processes on the same file still take turns through
/// SQLite's lock. The writer lives while any database on its file does.
/// </remarks>
internal sealed class SqliteFileWriter : IAsyncDisposable
{
    /// <summary>
    /// WAL file size from which the background checkpointer copies it into the database. SQLite reuses the file from its
    /// start after a complete checkpoint but never shrinks it, so once the file has reached this size a checkpoint runs
    /// every <see cref="CheckpointInterval"/> (docs/benchmarks.md, "Rowid tables", measures what that costs the writer).
    /// </summary>
    public const long CheckpointBytes = 8L * 1_024 * 1_024;

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, SqliteFileWriter> Writers = new(StringComparer.Ordinal);

    private readonly string _filePath;
    private readonly Func<SqliteConnection> _open;
    private readonly SqliteWriteQueue _queue;
    private readonly Timer _checkpointer;
    private readonly bool _shared;
    private int _users;
    private int _checkpointing;

    private SqliteFileWriter(string filePath, Func<SqliteConnection> open, Func<SqliteConnection> openWriter, bool shared)
    {
        _filePath = filePath;
        _open = open;
        _shared = shared;
        _queue = new SqliteWriteQueue(openWriter);
        _checkpointer = new Timer(static state => ((SqliteFileWriter)state!).CheckpointIfLarge(), this, CheckpointInterval, CheckpointInterval);
    }

    /// <summary>
    /// The writer of <paramref name="filePath"/>, created on first use with these openers (a connection for checkpoints,
    /// and the writer's own connection). <paramref name="shared"/> false gives a writer of its own, as a second process
    /// would have (tests of two writers on one file).
    /// </summary>
    public static SqliteFileWriter Acquire(string filePath, Func<SqliteConnection> open, Func<SqliteConnection> openWriter, bool shared = true)
    {
        if (!shared)
        {
            return new SqliteFileWriter(filePath, open, openWriter, shared: false) { _users = 1 };
        }

        lock (Gate)
        {
            if (!Writers.TryGetValue(filePath, out var writer))
            {
                writer = new SqliteFileWriter(filePath, open, openWriter, shared: true);
                Writers.Add(filePath, writer);
            }

            writer._users++;
            return writer;
        }
    }

    public Task<T> EnqueueAsync<T>(Func<SqliteWriteBatch, T> work) => _queue.EnqueueAsync(work);

    /// <summary>
    /// One user of the writer is done (each <see cref="Acquire"/> is matched by one call); the last one commits what
    /// is queued and stops the writer.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (Gate)
        {
            if (--_users > 0)
            {
                return;
            }

            if (_shared)
            {
                Writers.Remove(_filePath);
            }
        }

        await _checkpointer.DisposeAsync();
        await _queue.DisposeAsync();
    }

    /// <summary>
    /// A passive checkpoint once the WAL file is large (see <see cref="CheckpointBytes"/>): it copies what no reader still
    /// needs and never blocks the writer.
    /// Failures (the file busy, or being disposed) are left for the next tick.
    /// </summary>
    private void CheckpointIfLarge()
    {
        if (Interlocked.Exchange(ref _checkpointing, 1) == 1)
        {
            return;
        }

        try
        {
            var wal = new FileInfo(_filePath + "-wal");
            if (wal.Exists && wal.Length >= CheckpointBytes)
            {
                using var connection = _open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
        }
        catch (Exception exception) when (exception is SqliteException or IOException or ObjectDisposedException)
        {
            // Retried at the next tick; SQLite's own automatic checkpoint bounds the WAL meanwhile.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }
}
