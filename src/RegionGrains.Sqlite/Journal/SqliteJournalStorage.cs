using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Journal;
using RegionGrains.Journal.Stores;

namespace RegionGrains.Sqlite.Journal;

/// <summary>
/// Journal streams in a local SQLite file: one row per record keyed by (stream, version), one snapshot row per
/// stream. Appends from every region of the process share one transaction and one fsync (the database's write
/// queue); an append is refused unless the stream's head is exactly the version before it (nothing at or past
/// its version, and the previous version present), checked in the same transaction, so two activations or two
/// processes can never both extend a stream.
/// </summary>
public sealed class SqliteJournalStorage : IJournalStorage, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS journal_record (
            stream  TEXT    NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB    NOT NULL,
            PRIMARY KEY (stream, version)
        );
        CREATE TABLE IF NOT EXISTS journal_snapshot (
            stream  TEXT    NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            payload BLOB    NOT NULL
        );
        CREATE TABLE IF NOT EXISTS write_probe (
            id      INTEGER PRIMARY KEY,
            at      INTEGER NOT NULL,
            payload BLOB    NOT NULL
        );
        """;

    // One row, rewritten by each probe: a real change of 64 KiB, so the commit writes about 64 pages to the WAL and
    // fsyncs, more than a batch of appends usually does. A smaller probe is not enough: a commit that failed for want of
    // space leaves the pages it did get at the end of the WAL file, and the next small commit fits in them, so a
    // one-row probe passed on a full disk while every append failed.
    private const string Probe = "INSERT OR REPLACE INTO write_probe (id, at, payload) VALUES (1, $at, zeroblob(65536));";

    // The head is the newest record's version, or the snapshot's when compaction left no newer record: two primary-key
    // lookups (the last key of the stream's range, and its snapshot row).
    private const string AppendChecked = """
        INSERT INTO journal_record (stream, version, payload)
        SELECT $stream, $version, $payload
        WHERE max(
            coalesce((SELECT max(version) FROM journal_record WHERE stream = $stream), 0),
            coalesce((SELECT version FROM journal_snapshot WHERE stream = $stream), 0)) = $version - 1;
        """;

    private const string ReadHead = """
        SELECT max(
            coalesce((SELECT max(version) FROM journal_record WHERE stream = $stream), 0),
            coalesce((SELECT version FROM journal_snapshot WHERE stream = $stream), 0));
        """;

    // The same for many streams in one statement: the streams come as one JSON array (a prepared statement takes a
    // fixed number of parameters), and json_each yields them in array order.
    private const string ReadHeads = """
        SELECT max(
            coalesce((SELECT max(version) FROM journal_record WHERE stream = s.value), 0),
            coalesce((SELECT version FROM journal_snapshot WHERE stream = s.value), 0))
        FROM json_each($streams) AS s ORDER BY s.key;
        """;

    // Streams per batched head query: a million streams take a thousand queries, each of which holds its connection for
    // a few milliseconds at most.
    private const int HeadsPerQuery = 1_000;

    private const string AppendNext = "INSERT INTO journal_record (stream, version, payload) VALUES ($stream, $version, $payload);";

    private const string SaveSnapshot = """
        INSERT INTO journal_snapshot (stream, version, payload) VALUES ($stream, $version, $payload)
        ON CONFLICT (stream) DO UPDATE SET version = excluded.version, payload = excluded.payload
        WHERE excluded.version > journal_snapshot.version;
        """;

    private const string DropOld = """
        DELETE FROM journal_record
        WHERE stream = $stream AND version < min($keep, (SELECT version FROM journal_snapshot WHERE stream = $stream) + 1);
        """;

    private static readonly (string, SqliteType)[] RecordParameters =
        [("$stream", SqliteType.Text), ("$version", SqliteType.Integer), ("$payload", SqliteType.Blob)];

    private static readonly (string, SqliteType)[] DropParameters = [("$stream", SqliteType.Text), ("$keep", SqliteType.Integer)];

    private readonly SqliteDatabase _database;

    // Connections kept open with the head query prepared, one per concurrent head read: a confirmed read then costs one
    // prepared statement, not a pooled connection's open with its PRAGMAs and a parse of the query.
    private readonly ConcurrentBag<HeadReader> _headReaders = [];
    private readonly SqliteJournalOptions _options;
    private readonly string _serviceId;

    public SqliteJournalStorage(SqliteJournalOptions options, IOptions<ClusterOptions> clusterOptions)
        : this(options, clusterOptions, shareWriter: true)
    {
    }

    /// <param name="options">Where the file is.</param>
    /// <param name="clusterOptions">The service id that whole-state rows of the file were written under (<see cref="WholeStateRows"/>).</param>
    /// <param name="shareWriter">False: a writer of its own on the file, as another process would have (tests).</param>
    internal SqliteJournalStorage(SqliteJournalOptions options, IOptions<ClusterOptions> clusterOptions, bool shareWriter)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _database = new SqliteDatabase(options, shareWriter);
    }

    /// <summary>The file's rows of the whole-state format, for the conversion at silo start.</summary>
    public IWholeStateRows WholeStateRows => new SqliteWholeStateRows(_database, _serviceId);

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => _database.FilePath;

    // Rowid tables (a file with WITHOUT ROWID tables is converted on open, see SqliteDatabase.MigrateToRowid): records are
    // stored in commit order, so a batch of appends over many regions fills a few consecutive pages and only the small
    // (stream, version) index is touched per region; and finding a snapshot, which is kilobytes, never reads the
    // payloads of the others.
    /// <summary>Creates the file and tables now, so that a bad path stops a host at start-up; once, later calls return at once.</summary>
    public void EnsureCreated() => _database.EnsureSchema(Schema, "journal_record", "journal_snapshot");

    /// <inheritdoc />
    public Task<JournalStream> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        EnsureCreated();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        JournalSnapshot? snapshot = null;
        using (var command = Command(connection, transaction, "SELECT version, payload FROM journal_snapshot WHERE stream = $stream;", stream))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                snapshot = new JournalSnapshot(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
            }
        }

        var records = new List<JournalRecord>();
        using (var command = Command(connection, transaction, "SELECT version, payload FROM journal_record WHERE stream = $stream AND version > $after ORDER BY version;", stream))
        {
            command.Parameters.AddWithValue("$after", snapshot?.Version ?? 0);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                records.Add(new JournalRecord(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        return Task.FromResult(new JournalStream(snapshot, records));
    }

    /// <inheritdoc />
    public Task AppendAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        JournalRecords.EnsureConsecutive(stream, expectedHead, records);
        EnsureCreated();
        return _database.WriteBatchAsync(batch =>
        {
            for (var i = 0; i < records.Count; i++)
            {
                var command = batch.Command(i == 0 ? AppendChecked : AppendNext, RecordParameters);
                Bind(command, stream, records[i].Version, records[i].Payload);
                if (command.ExecuteNonQuery() != 1)
                {
                    // Only the first insert is checked; when it writes nothing, nothing of this append was written.
                    throw JournalConflictException.For(stream, expectedHead, actualHead: null);
                }
            }

            return true;
        });
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(string stream, JournalSnapshot snapshot, long keepFromVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        EnsureCreated();
        return _database.WriteBatchAsync(batch =>
        {
            var save = batch.Command(SaveSnapshot, RecordParameters);
            Bind(save, stream, snapshot.Version, snapshot.Payload);
            save.ExecuteNonQuery();
            var drop = batch.Command(DropOld, DropParameters);
            drop.Parameters["$stream"].Value = stream;
            drop.Parameters["$keep"].Value = keepFromVersion;
            drop.ExecuteNonQuery();
            return true;
        });
    }

    /// <inheritdoc />
    public Task<bool> InitializeAsync(string stream, JournalSnapshot snapshot, IReadOnlyList<JournalRecord> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(history);
        EnsureCreated();
        return _database.WriteAsync(transaction =>
        {
            using (var exists = Command(transaction.Connection!, transaction, "SELECT EXISTS (SELECT 1 FROM journal_record WHERE stream = $stream) OR EXISTS (SELECT 1 FROM journal_snapshot WHERE stream = $stream);", stream))
            {
                if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
                {
                    return false;
                }
            }

            Insert(transaction, "INSERT INTO journal_snapshot (stream, version, payload) VALUES ($stream, $version, $payload);", stream, snapshot.Version, snapshot.Payload);
            foreach (var record in history)
            {
                Insert(transaction, AppendNext, stream, record.Version, record.Payload);
            }

            return true;
        });
    }

    /// <inheritdoc />
    public Task<long> ReadHeadAsync(string stream, CancellationToken cancellationToken = default) =>
        Task.FromResult(WithHeadReader(stream, static (reader, stream) => reader.Read(stream)));

    /// <inheritdoc />
    public Task<long[]> ReadHeadsAsync(IReadOnlyList<string> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var heads = new long[streams.Count];
        if (heads.Length == 0)
        {
            return Task.FromResult(heads);
        }

        return Task.FromResult(WithHeadReader((streams, heads), static (reader, batch) =>
        {
            for (var start = 0; start < batch.heads.Length; start += HeadsPerQuery)
            {
                reader.ReadMany(batch.streams, start, Math.Min(HeadsPerQuery, batch.heads.Length - start), batch.heads);
            }

            return batch.heads;
        }));
    }

    /// <summary>Runs <paramref name="read"/> on a kept-open head reader; a reader that failed is closed, not kept.</summary>
    private T WithHeadReader<TState, T>(TState state, Func<HeadReader, TState, T> read)
    {
        EnsureCreated();
        if (!_headReaders.TryTake(out var reader))
        {
            reader = new HeadReader(_database.Open());
        }

        T result;
        try
        {
            result = read(reader, state);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        _headReaders.Add(reader);
        return result;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadBackwardAsync(string stream, long before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        EnsureCreated();
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT version, payload FROM journal_record WHERE stream = $stream AND version < $before ORDER BY version DESC LIMIT $limit;", stream);
        command.Parameters.AddWithValue("$before", before);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var records = new List<JournalRecord>(Math.Min(limit, 1_024));
        while (reader.Read())
        {
            records.Add(new JournalRecord(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return Task.FromResult<IReadOnlyList<JournalRecord>>(records);
    }

    /// <summary>
    /// Commits a write of 64 KiB through the file's writer, in the next batch with the appends queued meanwhile: it fails
    /// when an append would fail now (a full disk, a read-only file system, an I/O error, the file busy).
    /// </summary>
    internal Task ProbeWriteAsync()
    {
        EnsureCreated();
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return _database.WriteBatchAsync(batch =>
        {
            var command = batch.Command(Probe, ("$at", SqliteType.Integer));
            command.Parameters["$at"].Value = at;
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>Commits appends still queued, then releases the file.</summary>
    public ValueTask DisposeAsync()
    {
        while (_headReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }

        return _database.DisposeAsync();
    }

    private static void Insert(SqliteTransaction transaction, string sql, string stream, long version, byte[] payload)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in RecordParameters)
        {
            command.Parameters.Add(name, type);
        }

        Bind(command, stream, version, payload);
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, string stream, long version, byte[] payload)
    {
        command.Parameters["$stream"].Value = stream;
        command.Parameters["$version"].Value = version;
        command.Parameters["$payload"].Value = payload;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string stream)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$stream", stream);
        return command;
    }

    /// <summary>An open connection with <see cref="ReadHead"/> prepared (and <see cref="ReadHeads"/> once used); used by one head read at a time.</summary>
    private sealed class HeadReader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _stream;
        private SqliteCommand? _many;

        public HeadReader(SqliteConnection connection)
        {
            _connection = connection;
            _command = connection.CreateCommand();
            _command.CommandText = ReadHead;
            _stream = _command.Parameters.Add("$stream", SqliteType.Text);
            _stream.Value = string.Empty;
            _command.Prepare();
        }

        public long Read(string stream)
        {
            _stream.Value = stream;
            return (long)_command.ExecuteScalar()!;
        }

        /// <summary>Reads the heads of <paramref name="streams"/>[<paramref name="start"/>, + <paramref name="count"/>) into the same places of <paramref name="heads"/>.</summary>
        public void ReadMany(IReadOnlyList<string> streams, int start, int count, long[] heads)
        {
            if (_many is null)
            {
                _many = _connection.CreateCommand();
                _many.CommandText = ReadHeads;
                _many.Parameters.Add("$streams", SqliteType.Text).Value = "[]";
                _many.Prepare();
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var i = start; i < start + count; i++)
                {
                    json.WriteStringValue(streams[i]);
                }

                json.WriteEndArray();
            }

            _many.Parameters[0].Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
            using var reader = _many.ExecuteReader();
            var at = start;
            while (reader.Read())
            {
                heads[at++] = reader.GetInt64(0);
            }

            if (at != start + count)
            {
                throw new InvalidOperationException($"The batched head query returned {at - start} rows for {count} streams.");
            }
        }

        public void Dispose()
        {
            _many?.Dispose();
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
