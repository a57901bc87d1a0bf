using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RegionGrains.Sqlite.Reminders;

/// <summary>
/// Orleans' reminder table in the cluster's SQLite file: one row per (service, grain, reminder name), with the grain's
/// uniform hash so that each silo reads the reminders of its own range of the ring. Orleans ships no SQLite reminder
/// table (its ADO.NET reminders need SQL scripts for a server database), so this one is written here, over the same file,
/// connection pragmas and one-writer-per-file queue as the journal, grain state and membership.
/// </summary>
/// <remarks>
/// An etag is a new random value on every write; a removal names the etag it read and removes nothing if the row changed
/// since (the contract Orleans' reminder service relies on when a reminder is updated and unregistered concurrently).
/// </remarks>
public sealed partial class SqliteReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            service_id    TEXT    NOT NULL,
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period_ticks  INTEGER NOT NULL,
            etag          TEXT    NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        );
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at, period_ticks, etag";

    private readonly string _serviceId;
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteReminderTable> _logger;

    /// <summary>Creates the table; hosts register it with <see cref="SqliteReminderExtensions.UseSqliteReminderService"/>.</summary>
    public SqliteReminderTable(IOptions<SqliteReminderOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        _serviceId = clusterOptions.Value.ServiceId;
        _database = new SqliteDatabase(options.Value);
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        EnsureInitialized();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(Read("grain_id = $grain", c => c.Parameters.AddWithValue("$grain", grainId.ToString())));

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The range (begin, end] of the ring; when begin >= end it wraps around past the top.
        var filter = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        return Task.FromResult(Read(filter, c =>
        {
            c.Parameters.AddWithValue("$begin", (long)begin);
            c.Parameters.AddWithValue("$end", (long)end);
        }));
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = Read("grain_id = $grain AND reminder_name = $name", c =>
        {
            c.Parameters.AddWithValue("$grain", grainId.ToString());
            c.Parameters.AddWithValue("$name", reminderName);
        });
        return Task.FromResult(rows.Reminders.FirstOrDefault());
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        EnsureInitialized();
        var etag = Guid.NewGuid().ToString("N");
        return _database.WriteAsync<string?>(transaction =>
        {
            using var command = Command(transaction, """
                INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period_ticks, etag)
                VALUES ($service, $grain, $name, $hash, $start, $period, $etag)
                ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ticks = excluded.period_ticks, etag = excluded.etag;
                """);
            command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$name", entry.ReminderName);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$start", DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc).Ticks);
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            command.Parameters.AddWithValue("$etag", etag);
            command.ExecuteNonQuery();
            return etag;
        });
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        EnsureInitialized();
        return _database.WriteAsync(transaction =>
        {
            using var command = Command(transaction, "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag;");
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$name", reminderName);
            command.Parameters.AddWithValue("$etag", eTag);
            return command.ExecuteNonQuery() == 1;
        });
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable()
    {
        EnsureInitialized();
        return _database.WriteAsync(transaction =>
        {
            using var command = Command(transaction, "DELETE FROM reminders WHERE service_id = $service;");
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>Commits writes still queued, then releases the database file.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private ReminderTableData Read(string filter, Action<SqliteCommand> bind)
    {
        EnsureInitialized();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND {filter};";
        command.Parameters.AddWithValue("$service", _serviceId);
        bind(command);
        var entries = new List<ReminderEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return new ReminderTableData(entries);
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        return command;
    }

    private void EnsureInitialized()
    {
        if (_database.EnsureSchema(Schema))
        {
            LogInitialized(_database.FilePath);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite reminder table uses {DatabasePath}")]
    private partial void LogInitialized(string databasePath);
}
