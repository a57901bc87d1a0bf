using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RegionGrains.Hosting.Storage;

/// <summary>
/// One SQLite database file: opens pooled connections with the pragmas every connection needs,
/// creates schema, and funnels writes through a <see cref="SqliteWriteQueue"/>.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SqliteWriteQueue _writes;

    public SqliteDatabase(string dataDirectory, string databaseFileName, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFileName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(busyTimeout, TimeSpan.Zero);

        DataDirectory = Path.GetFullPath(dataDirectory);
        FilePath = Path.Combine(DataDirectory, databaseFileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY itself until the command timeout; keep it in step with busy_timeout.
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();

        // busy_timeout makes SQLite wait inside the library for a lock held by another connection or process instead of failing at once.
        // synchronous=FULL fsyncs the WAL on every commit: a write that returned survives power loss, which is what
        // "acknowledged means durable" needs. NORMAL would only lose the last commits on power loss, but those may be acknowledged
        // reservations. The cost is one fsync per commit, which the write queue shares across a whole batch.
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
        _writes = new SqliteWriteQueue(Open);
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    /// <summary>Opens a pooled connection; the caller disposes it, which returns it to the pool.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates the directory and file, switches the file to WAL and runs the idempotent schema script.</summary>
    public void EnsureSchema(string schemaSql)
    {
        Directory.CreateDirectory(DataDirectory);
        using var connection = Open();
        using (var command = connection.CreateCommand())
        {
            // WAL lets readers in every process proceed while one writer commits; the mode is stored in the file, so setting it once suffices.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite database '{FilePath}' could not switch to WAL journal mode (got '{mode}').");
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = schemaSql;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Runs <paramref name="work"/> inside a committed write transaction, possibly sharing the commit with other writes.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work) => _writes.EnqueueAsync(work);

    /// <summary>Like <see cref="WriteAsync{T}(Func{SqliteTransaction, T})"/>, with the writer's prepared statements at hand.</summary>
    public Task<T> WriteBatchAsync<T>(Func<SqliteWriteBatch, T> work) => _writes.EnqueueAsync(work);

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        // Pooled connections keep the file open; release them so the file can be moved or deleted once this database is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
