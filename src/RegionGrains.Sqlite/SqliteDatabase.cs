using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RegionGrains.Sqlite;

/// <summary>
/// One SQLite database file: opens pooled connections with the pragmas every connection needs,
/// creates schema, and funnels writes through the file's one writer in this process (<see cref="SqliteFileWriter"/>).
/// </summary>
/// <remarks>
/// Page size and checkpoints are tuned for many small appends scattered over many regions. Each commit writes
/// every page it touched to the WAL, and a checkpoint copies each touched page into the database again, so the
/// bytes written per append are about (page size) × 2 when appends land on different pages. New files use
/// 1 KiB pages instead of 4 KiB, and checkpoints run in the background (<see cref="SqliteFileWriter"/>) rather than
/// after a commit of 1,000 pages, so a page changed many times between checkpoints is copied once, and the copying never
/// stalls the commit path. Measured with the load tester (1,000 regions, reservations only):
/// about 10.5 KB written per reservation with the defaults, about 4.3 KB with these settings.
/// </remarks>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    /// <summary>Page size of newly created files (an existing file keeps its own).</summary>
    public const int PageSize = 1_024;

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SqliteFileWriter _writer;
    private readonly Lock _schemaGate = new();
    private volatile bool _schemaCreated;
    private int _disposed;

    /// <param name="dataDirectory">Directory of the file.</param>
    /// <param name="databaseFileName">File name.</param>
    /// <param name="busyTimeout">How long to wait for another connection's lock.</param>
    /// <param name="shareWriter">
    /// True (the default): write through the process's one writer of this file (<see cref="SqliteFileWriter"/>).
    /// False: a writer of its own, as a second process would have.
    /// </param>
    public SqliteDatabase(string dataDirectory, string databaseFileName, TimeSpan busyTimeout, bool shareWriter = true)
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
        _writer = SqliteFileWriter.Acquire(FilePath, Open, OpenWriter, shareWriter);
    }

    /// <summary>The database of <paramref name="options"/>' file.</summary>
    public SqliteDatabase(SqliteFileOptions options, bool shareWriter = true)
        : this(options.DataDirectory, options.DatabaseFileName, options.BusyTimeout, shareWriter)
    {
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    /// <summary>Whether <see cref="EnsureSchema"/> has created the schema.</summary>
    public bool SchemaCreated => _schemaCreated;

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

    /// <summary>
    /// The writer's connection: checkpoints are left to the writer's background timer, with SQLite's automatic
    /// checkpoint kept as a safety net at 64 MiB of WAL (see the remarks).
    /// </summary>
    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint = 65536;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Creates the directory and file, switches the file to WAL and runs the idempotent schema script, once for this
    /// database: later calls return at once. A call that fails leaves it to the next call to try again.
    /// </summary>
    /// <exception cref="SqliteDataFileException">The file or its directory cannot be used (not a database, not writable, disk full).</exception>
    /// <param name="schemaSql">CREATE ... IF NOT EXISTS statements.</param>
    /// <param name="rowidTables">
    /// Tables of <paramref name="schemaSql"/> that an older release created WITHOUT ROWID and that are now rowid tables
    /// (see <see cref="MigrateToRowid"/>); an existing file has them rebuilt, in the same transaction, with their rows.
    /// </param>
    /// <returns>True when this call created the schema.</returns>
    public bool EnsureSchema(string schemaSql, params ReadOnlySpan<string> rowidTables)
    {
        if (_schemaCreated)
        {
            return false;
        }

        lock (_schemaGate)
        {
            if (_schemaCreated)
            {
                return false;
            }

            try
            {
                CreateSchema(schemaSql, rowidTables);
            }
            catch (Exception exception) when (exception is not SqliteDataFileException && SqliteDataFileException.For(FilePath, exception) is { } unusable)
            {
                throw unusable;
            }

            _schemaCreated = true;
            return true;
        }
    }

    private void CreateSchema(string schemaSql, ReadOnlySpan<string> rowidTables)
    {
        Directory.CreateDirectory(DataDirectory);
        using var connection = Open();
        using (var command = connection.CreateCommand())
        {
            // The page size only takes effect on a file with no tables yet, and must be set before WAL mode (see the remarks).
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA page_size = {PageSize};");
            command.ExecuteNonQuery();

            // WAL lets readers in every process proceed while one writer commits; the mode is stored in the file, so setting it once suffices.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite database '{FilePath}' could not switch to WAL journal mode (got '{mode}').");
            }
        }

        // BEGIN IMMEDIATE: two processes starting on one file take turns, and the second sees the first's schema.
        using var transaction = connection.BeginTransaction(deferred: false);
        var migrated = new List<string>();
        foreach (var table in rowidTables)
        {
            if (MigrateToRowid(transaction, table))
            {
                migrated.Add(table);
            }
        }

        Execute(transaction, schemaSql);
        foreach (var table in migrated)
        {
            Execute(transaction, $"INSERT INTO {table} SELECT * FROM {table}{OldLayoutSuffix}; DROP TABLE {table}{OldLayoutSuffix};");
        }

        transaction.Commit();
    }

    private const string OldLayoutSuffix = "_without_rowid";

    /// <summary>
    /// Moves <paramref name="table"/> aside when it is a WITHOUT ROWID table, so that the schema creates it anew as a rowid
    /// table and its rows are copied over; false when there is nothing to migrate.
    /// </summary>
    /// <remarks>
    /// A WITHOUT ROWID table keeps whole rows in its key's B-tree, and SQLite reads a cell's entire payload to compare
    /// keys when the cell spills to overflow pages. Rows holding a snapshot or a grain's state are many kilobytes, so every
    /// key lookup among them (the journal's head check on each append, for one) read every overflow page of the cells it
    /// compared against: measured with the load tester, about 87 page-cache misses per append once the snapshots of 1,000
    /// regions held a few hundred reservations each, which cut durable reservations from ~40,000/s to ~12,000/s. A rowid
    /// table keeps the key in a small index and the payload in its own B-tree, where a lookup reads only the row it finds.
    /// </remarks>
    private static bool MigrateToRowid(SqliteTransaction transaction, string table)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", table);
        if (command.ExecuteScalar() is not string sql || !sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Execute(transaction, $"ALTER TABLE {table} RENAME TO {table}{OldLayoutSuffix};");
        return true;
    }

    private static void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="work"/> inside a committed write transaction, possibly sharing the commit with other writes.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work) => _writer.EnqueueAsync(batch => work(batch.Transaction));

    /// <summary>Like <see cref="WriteAsync{T}(Func{SqliteTransaction, T})"/>, with the writer's prepared statements at hand.</summary>
    public Task<T> WriteBatchAsync<T>(Func<SqliteWriteBatch, T> work) => _writer.EnqueueAsync(work);

    public async ValueTask DisposeAsync()
    {
        // A container may dispose a service registered under several types more than once; the shared writer
        // counts each database once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync();
        // Pooled connections keep the file open; release them so the file can be moved or deleted once this database is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
