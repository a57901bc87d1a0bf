using System.Data;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using RegionGrains.Journal;

namespace RegionGrains.PostgreSql.Journal;

/// <summary>
/// Journal streams in PostgreSQL (tables in Sql/03-journal.sql, installed with the rest of the schema). Appends from
/// every region of the process are group-committed: one writer takes whatever appends are waiting, sends them as one
/// batch in one round trip and one transaction, and so one WAL flush, then answers each. An append whose expected
/// version is not the stream's head writes nothing and fails with <see cref="JournalConflictException"/>; the others
/// in its batch commit. The head row's lock serializes writers of one stream across processes.
/// </summary>
public sealed class PostgreSqlJournalStorage : IJournalStorage, IAsyncDisposable
{
    /// <summary>Most appends committed in one transaction.</summary>
    public const int MaxBatch = 256;

    // Streams per batched head query (one index lookup each).
    private const int HeadsPerQuery = 1_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgreSqlJournalStorage(string connectionString, string serviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _serviceId = serviceId;
        _writer = Task.Run(WriteAsync);
    }

    /// <inheritdoc />
    public async Task<JournalStream> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One consistent view: a snapshot written between the two reads could otherwise drop records we expect.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        JournalSnapshot? snapshot = null;
        await using (var command = Command(connection, transaction, PostgreSqlJournalSql.ReadSnapshot, stream))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshot = new JournalSnapshot(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
            }
        }

        await using var records = Command(connection, transaction, PostgreSqlJournalSql.ReadRecords, stream);
        records.Parameters.AddWithValue("after", NpgsqlDbType.Bigint, snapshot?.Version ?? 0);
        var read = await ReadRecordsAsync(records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JournalStream(snapshot, read);
    }

    /// <inheritdoc />
    public Task AppendAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        JournalRecords.EnsureConsecutive(stream, expectedHead, records);
        var pending = new PendingAppend(stream, expectedHead, records);
        ObjectDisposedException.ThrowIf(!_appends.Writer.TryWrite(pending), this);

        return pending.Done.Task;
    }

    /// <inheritdoc />
    public async Task WriteSnapshotAsync(string stream, JournalSnapshot snapshot, long keepFromVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var save = new NpgsqlBatchCommand(PostgreSqlJournalSql.SaveSnapshot);
        AddStream(save, stream);
        save.Parameters.Add(new NpgsqlParameter<long>("version", NpgsqlDbType.Bigint) { TypedValue = snapshot.Version });
        save.Parameters.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Bytea) { TypedValue = snapshot.Payload });
        var drop = new NpgsqlBatchCommand(PostgreSqlJournalSql.DropOld);
        AddStream(drop, stream);
        drop.Parameters.Add(new NpgsqlParameter<long>("keep", NpgsqlDbType.Bigint) { TypedValue = keepFromVersion });
        batch.BatchCommands.Add(save);
        batch.BatchCommands.Add(drop);

        // One round trip, one implicit transaction: no lock outlives a lost connection (see CommitAsync).
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> InitializeAsync(string stream, JournalSnapshot snapshot, IReadOnlyList<JournalRecord> history, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(history);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, PostgreSqlJournalSql.Initialize, stream);
        command.Parameters.AddWithValue("head", NpgsqlDbType.Bigint, Math.Max(snapshot.Version, history.Count > 0 ? history.Max(r => r.Version) : 0));
        command.Parameters.AddWithValue("version", NpgsqlDbType.Bigint, snapshot.Version);
        command.Parameters.AddWithValue("payload", NpgsqlDbType.Bytea, snapshot.Payload);
        command.Parameters.AddWithValue("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint, history.Select(r => r.Version).ToArray());
        command.Parameters.AddWithValue("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea, history.Select(r => r.Payload).ToArray());
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<long> ReadHeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, PostgreSqlJournalSql.ReadHead, stream);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<long[]> ReadHeadsAsync(IReadOnlyList<string> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var heads = new long[streams.Count];
        if (heads.Length == 0)
        {
            return heads;
        }

        // A stream without a head row is empty (0); the rows come in no particular order, so they are placed by name.
        var found = new Dictionary<string, long>(heads.Length, StringComparer.Ordinal);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        for (var start = 0; start < heads.Length; start += HeadsPerQuery)
        {
            await using var command = new NpgsqlCommand(PostgreSqlJournalSql.ReadHeads, connection);
            command.Parameters.AddWithValue("service", NpgsqlDbType.Varchar, _serviceId);
            command.Parameters.AddWithValue("streams", NpgsqlDbType.Array | NpgsqlDbType.Varchar, streams.Skip(start).Take(HeadsPerQuery).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        for (var i = 0; i < heads.Length; i++)
        {
            heads[i] = found.GetValueOrDefault(streams[i]);
        }

        return heads;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalRecord>> ReadBackwardAsync(string stream, long before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, PostgreSqlJournalSql.ReadBackward, stream);
        command.Parameters.AddWithValue("before", NpgsqlDbType.Bigint, before);
        command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, limit);
        return await ReadRecordsAsync(command, cancellationToken);
    }

    /// <summary>Commits the appends still queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _dataSource.DisposeAsync();
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _appends.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _appends.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception exception)
            {
                // Nothing of the batch is known to be stored (a failed commit rolls back), so no append is acknowledged.
                foreach (var append in batch)
                {
                    append.Done.TrySetException(exception);
                }
            }

            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        // No explicit transaction: a batch without one runs as one implicit transaction, sent and committed in a single
        // round trip. With BEGIN ... COMMIT in two round trips, a writer whose network failed between them (a
        // partition) would leave the server holding its head-row locks, idle in transaction, until it noticed the
        // client was gone, and every other writer of those regions (the majority's new activations) would wait.
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection);
        foreach (var append in batch)
        {
            var command = new NpgsqlBatchCommand(append.ExpectedHead == 0 ? PostgreSqlJournalSql.AppendFirst : PostgreSqlJournalSql.AppendNext);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = _serviceId });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = append.Stream });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = append.Records[^1].Version });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = append.Records.Select(r => r.Version).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = append.Records.Select(r => r.Payload).ToArray() });
            if (append.ExpectedHead != 0)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = append.ExpectedHead });
            }

            commands.BatchCommands.Add(command);
        }

        await commands.ExecuteNonQueryAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i];
            if (commands.BatchCommands[i].RecordsAffected == append.Records.Count)
            {
                append.Done.TrySetResult();
            }
            else
            {
                append.Done.TrySetException(JournalConflictException.For(append.Stream, append.ExpectedHead, actualHead: null));
            }
        }
    }

    private void AddStream(NpgsqlBatchCommand command, string stream)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("service", NpgsqlDbType.Varchar) { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string>("stream", NpgsqlDbType.Varchar) { TypedValue = stream });
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, string stream)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("service", NpgsqlDbType.Varchar, _serviceId);
        command.Parameters.AddWithValue("stream", NpgsqlDbType.Varchar, stream);
        return command;
    }

    private static async Task<List<JournalRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<JournalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new JournalRecord(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return records;
    }

    private sealed class PendingAppend(string stream, long expectedHead, IReadOnlyList<JournalRecord> records)
    {
        public string Stream { get; } = stream;

        public long ExpectedHead { get; } = expectedHead;

        public IReadOnlyList<JournalRecord> Records { get; } = records;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
