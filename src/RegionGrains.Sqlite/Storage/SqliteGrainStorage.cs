using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace RegionGrains.Sqlite.Storage;

/// <summary>
/// Orleans grain storage in a local SQLite file: one row per (service, provider, state name, grain),
/// written with an optimistic etag check so a stale activation cannot overwrite newer state.
/// Several silo processes on one machine may share the file.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            service_id    TEXT NOT NULL,
            provider_name TEXT NOT NULL,
            state_name    TEXT NOT NULL,
            grain_id      TEXT NOT NULL,
            etag          TEXT NOT NULL,
            payload       BLOB NOT NULL,
            created_utc   TEXT NOT NULL,
            updated_utc   TEXT NOT NULL,
            PRIMARY KEY (service_id, provider_name, state_name, grain_id)
        );
        """;

    private const string KeyFilter = "service_id = $service AND provider_name = $provider AND state_name = $state AND grain_id = $grain";
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private readonly string _name;
    private readonly string _serviceId;
    private readonly SqliteStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SqliteDatabase _database;

    /// <summary>Creates the provider; hosts normally register it with <see cref="SqliteGrainStorageExtensions"/>.</summary>
    public SqliteGrainStorage(
        string name,
        SqliteStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);

        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _serializer = options.GrainStorageSerializer
            ?? throw new InvalidOperationException($"SQLite grain storage '{name}' has no GrainStorageSerializer; register it with AddSqliteGrainStorage.");
        _activatorProvider = activatorProvider;
        _logger = logger;
        _database = new SqliteDatabase(options);
    }

    /// <summary>Full path of the database file this provider uses.</summary>
    public string DatabasePath => _database.FilePath;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), _options.InitStage, _ =>
        {
            EnsureInitialized();
            return Task.CompletedTask;
        });

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureInitialized();

        string? etag = null;
        byte[]? payload = null;
        using (var connection = _database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT etag, payload FROM grain_state WHERE {KeyFilter};";
            AddKey(command, stateName, grainId);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                etag = reader.GetString(0);
                payload = reader.GetFieldValue<byte[]>(1);
            }
        }

        grainState.State = payload is null ? CreateInstance<T>() : _serializer.Deserialize<T>(new BinaryData(payload)) ?? CreateInstance<T>();
        grainState.ETag = etag;
        grainState.RecordExists = etag is not null;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureInitialized();

        var expected = grainState.ETag;
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var newEtag = await _database.WriteAsync(transaction =>
        {
            var stored = ReadEtag(transaction, stateName, grainId);
            ThrowIfStale("WriteState", stateName, grainId, stored, expected);

            var etag = Guid.NewGuid().ToString("N");
            using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = stored is null
                ? $"""
                   INSERT INTO grain_state (service_id, provider_name, state_name, grain_id, etag, payload, created_utc, updated_utc)
                   VALUES ($service, $provider, $state, $grain, $etag, $payload, {Now}, {Now});
                   """
                : $"UPDATE grain_state SET etag = $etag, payload = $payload, updated_utc = {Now} WHERE {KeyFilter};";
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
            EnsureOneRow(command.ExecuteNonQuery(), "write", stateName, grainId);
            return etag;
        });

        // Only after the commit: a failed write leaves the caller's etag as it was, so a retry is checked against what it last saw.
        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureInitialized();

        var expected = grainState.ETag;
        await _database.WriteAsync(transaction =>
        {
            var stored = ReadEtag(transaction, stateName, grainId);
            ThrowIfStale("ClearState", stateName, grainId, stored, expected);
            if (stored is null)
            {
                return false;
            }

            using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM grain_state WHERE {KeyFilter};";
            AddKey(command, stateName, grainId);
            EnsureOneRow(command.ExecuteNonQuery(), "clear", stateName, grainId);
            return true;
        });

        // Etags are random, never reused, so deleting the row cannot let an older activation's etag match a later row.
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = CreateInstance<T>();
    }

    /// <summary>Commits writes still queued, then releases the database file.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>Same as <see cref="DisposeAsync"/>, for containers disposed synchronously.</summary>
    public void Dispose() => _database.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void EnsureInitialized()
    {
        if (_database.EnsureSchema(Schema, "grain_state"))
        {
            LogInitialized(_name, _database.FilePath);
        }
    }

    private string? ReadEtag(SqliteTransaction transaction, string stateName, GrainId grainId)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT etag FROM grain_state WHERE {KeyFilter};";
        AddKey(command, stateName, grainId);
        return command.ExecuteScalar() as string;
    }

    private void ThrowIfStale(string operation, string stateName, GrainId grainId, string? stored, string? expected)
    {
        if (!string.Equals(stored, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"Version conflict ({operation}): provider '{_name}', service '{_serviceId}', state '{stateName}', grain '{grainId}': "
                + $"stored etag '{stored ?? "<none>"}', caller's etag '{expected ?? "<none>"}'.",
                stored ?? string.Empty,
                expected ?? string.Empty);
        }
    }

    private static void EnsureOneRow(int rows, string operation, string stateName, GrainId grainId)
    {
        // The etag was checked in this same write transaction, so anything but one row means the database changed under the lock.
        if (rows != 1)
        {
            throw new InvalidOperationException($"SQLite grain storage {operation} of '{stateName}' for '{grainId}' affected {rows} rows instead of 1.");
        }
    }

    private void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$provider", _name);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
    }

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage {ProviderName} uses {DatabasePath}")]
    private partial void LogInitialized(string providerName, string databasePath);
}
