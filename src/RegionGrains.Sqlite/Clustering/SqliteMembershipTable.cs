using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RegionGrains.Sqlite.Clustering;

/// <summary>
/// Orleans membership table in a local SQLite file, so silo processes on one machine form one cluster without a server.
/// Rows are kept per cluster id, next to a table version that every membership change must advance by exactly one.
/// </summary>
/// <remarks>
/// The table etag is the version number. Each row's etag is the table etag it was read with, as in Orleans' Redis table:
/// heartbeats change neither, and because every membership change advances the table version, a row etag from an older
/// read is refused exactly when the table etag is.
/// </remarks>
public sealed class SqliteMembershipTable : IMembershipTable, IAsyncDisposable, IDisposable
{
    private const string VersionQuery = "SELECT version FROM membership_version WHERE cluster_id = $cluster;";

    private readonly string _clusterId;
    private readonly SqliteDatabase _database;

    /// <summary>Creates the table for the cluster id in <paramref name="clusterOptions"/>.</summary>
    public SqliteMembershipTable(IOptions<SqliteClusteringOptions> options, IOptions<ClusterOptions> clusterOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterOptions.Value.ClusterId);

        _clusterId = clusterOptions.Value.ClusterId;
        _database = new SqliteDatabase(options.Value);
    }

    /// <summary>Whether the schema exists and this table may be read.</summary>
    public bool IsInitialized => _database.SchemaCreated;

    /// <inheritdoc />
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    /// <inheritdoc />
    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        EnsureSchema();
        if (tryInitTableVersion)
        {
            // Several silos start at once; the first one creates version 0 and the others leave it as it is.
            await _database.WriteAsync(transaction =>
            {
                using var command = Command(transaction,
                    $"INSERT OR IGNORE INTO membership_version (cluster_id, version, updated_utc) VALUES ($cluster, 0, {SqliteMembershipRows.Now});");
                return command.ExecuteNonQuery();
            }).WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    /// <inheritdoc />
    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        EnsureSchema();
        await _database.WriteAsync(transaction =>
        {
            using var command = Command(transaction, "DELETE FROM membership WHERE cluster_id = $cluster; DELETE FROM membership_version WHERE cluster_id = $cluster;");
            command.Parameters["$cluster"].Value = clusterId;
            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    /// <inheritdoc />
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        EnsureSchema();
        var cutoff = beforeDate.UtcDateTime;
        await _database.WriteAsync(transaction =>
        {
            var defunct = new List<string>();
            using (var select = Command(transaction, $"SELECT {SqliteMembershipRows.EntryColumns} FROM membership m WHERE m.cluster_id = $cluster AND m.status = $dead;"))
            {
                select.Parameters.AddWithValue("$dead", (int)SiloStatus.Dead);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    // Only dead silos whose last sign of life (heartbeat, start or a vote against them) is older than the cutoff.
                    var entry = SqliteMembershipRows.Read(reader, 0);
                    if (SqliteMembershipRows.LastUpdate(entry) < cutoff)
                    {
                        defunct.Add(reader.GetString(0));
                    }
                }
            }

            foreach (var address in defunct)
            {
                using var delete = Command(transaction, "DELETE FROM membership WHERE cluster_id = $cluster AND silo_address = $address;");
                delete.Parameters.AddWithValue("$address", address);
                delete.ExecuteNonQuery();
            }

            return defunct.Count;
        }).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureSchema();
        return Read(
            $"""
            SELECT v.version, {SqliteMembershipRows.EntryColumns}
            FROM membership_version v LEFT JOIN membership m ON m.cluster_id = v.cluster_id AND m.silo_address = $address
            WHERE v.cluster_id = $cluster;
            """,
            key.ToParsableString());
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        EnsureSchema();
        return Read(
            $"""
            SELECT v.version, {SqliteMembershipRows.EntryColumns}
            FROM membership_version v LEFT JOIN membership m ON m.cluster_id = v.cluster_id
            WHERE v.cluster_id = $cluster;
            """,
            address: null);
    }

    /// <inheritdoc />
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    /// <inheritdoc />
    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        EnsureSchema();
        return await _database.WriteAsync(transaction =>
        {
            if (!IsNextVersion(transaction, tableVersion))
            {
                return false;
            }

            // OR IGNORE: a silo that already has a row is refused, and nothing has changed yet to undo.
            using var command = Command(
                transaction,
                $"""
                INSERT OR IGNORE INTO membership (cluster_id, silo_address, status, silo_name, host_name, role_name, proxy_port,
                    update_zone, fault_zone, start_time, iamalive_time, suspect_times, updated_utc)
                VALUES ($cluster, $address, $status, $silo_name, $host_name, $role_name, $proxy_port,
                    $update_zone, $fault_zone, $start_time, $iamalive_time, $suspect_times, {SqliteMembershipRows.Now});
                """);
            command.Parameters.AddWithValue("$address", entry.SiloAddress.ToParsableString());
            SqliteMembershipRows.AddEntry(command, entry);
            if (command.ExecuteNonQuery() != 1)
            {
                return false;
            }

            SetVersion(transaction, tableVersion);
            return true;
        }).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    /// <inheritdoc />
    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        EnsureSchema();

        // Row etags are the table etag they were read with (see the remarks on this class).
        if (!string.Equals(etag, tableVersion.VersionEtag, StringComparison.Ordinal))
        {
            return false;
        }

        return await _database.WriteAsync(transaction =>
        {
            if (!IsNextVersion(transaction, tableVersion))
            {
                return false;
            }

            using var command = Command(
                transaction,
                $"UPDATE membership SET {SqliteMembershipRows.EntryAssignments}, updated_utc = {SqliteMembershipRows.Now} WHERE cluster_id = $cluster AND silo_address = $address;");
            command.Parameters.AddWithValue("$address", entry.SiloAddress.ToParsableString());
            SqliteMembershipRows.AddEntry(command, entry);
            if (command.ExecuteNonQuery() != 1)
            {
                return false;
            }

            SetVersion(transaction, tableVersion);
            return true;
        }).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    /// <inheritdoc />
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        EnsureSchema();

        // Heartbeats touch only their own column: the table version and etags stay, so reads taken before remain usable.
        await _database.WriteAsync(transaction =>
        {
            using var command = Command(
                transaction,
                $"UPDATE membership SET iamalive_time = $iamalive_time, updated_utc = {SqliteMembershipRows.Now} WHERE cluster_id = $cluster AND silo_address = $address;");
            command.Parameters.AddWithValue("$address", entry.SiloAddress.ToParsableString());
            command.Parameters.AddWithValue("$iamalive_time", entry.IAmAliveTime.ToUniversalTime().Ticks);
            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken);
    }

    /// <summary>Releases the database file.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>Same as <see cref="DisposeAsync"/>, for containers disposed synchronously.</summary>
    public void Dispose() => _database.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Whether the caller read the current version (its etag) and proposes exactly the next one.</summary>
    private bool IsNextVersion(SqliteTransaction transaction, TableVersion tableVersion)
    {
        using var select = Command(transaction, VersionQuery);
        return select.ExecuteScalar() is long stored
            && string.Equals(stored.ToString(CultureInfo.InvariantCulture), tableVersion.VersionEtag, StringComparison.Ordinal)
            && tableVersion.Version == stored + 1;
    }

    private void SetVersion(SqliteTransaction transaction, TableVersion tableVersion)
    {
        using var update = Command(transaction, $"UPDATE membership_version SET version = $version, updated_utc = {SqliteMembershipRows.Now} WHERE cluster_id = $cluster;");
        update.Parameters.AddWithValue("$version", tableVersion.Version);

        // The version row was read in this same write transaction, so it cannot have gone away.
        if (update.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"The membership version row of cluster '{_clusterId}' vanished inside a write transaction.");
        }
    }

    private MembershipTableData Read(string sql, string? address)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cluster", _clusterId);
        if (address is not null)
        {
            command.Parameters.AddWithValue("$address", address);
        }

        // One statement joins the version to the rows, so both come from the same snapshot.
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException(
                $"The membership table of cluster '{_clusterId}' in '{_database.FilePath}' has no version row; it was deleted or never initialized.");
        }

        var version = reader.GetInt64(0);
        var tableVersion = new TableVersion(checked((int)version), version.ToString(CultureInfo.InvariantCulture));
        var rows = new List<Tuple<MembershipEntry, string>>();
        do
        {
            if (!reader.IsDBNull(1))
            {
                rows.Add(Tuple.Create(SqliteMembershipRows.Read(reader, 1), tableVersion.VersionEtag));
            }
        }
        while (reader.Read());

        return new MembershipTableData(rows, tableVersion);
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cluster", _clusterId);
        return command;
    }

    private void EnsureSchema() => _database.EnsureSchema(SqliteMembershipRows.Schema);
}
