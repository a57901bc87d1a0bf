using Microsoft.Data.Sqlite;
using RegionGrains.Journal.Stores;

namespace RegionGrains.Sqlite.Journal;

/// <summary>
/// The <c>grain_state</c> table of a data directory in the whole-state format, in the journal's own file. Whether the
/// table exists is the file's format version: it is dropped once its rows are converted.
/// </summary>
internal sealed class SqliteWholeStateRows(SqliteDatabase database, string serviceId) : IWholeStateRows
{
    private const string Table = "grain_state";

    public Task<IReadOnlyList<WholeStateRow>> ReadAsync(string storageName, string stateName, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        if (!TableExists(connection))
        {
            return Task.FromResult<IReadOnlyList<WholeStateRow>>([]);
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT grain_id, payload FROM {Table} WHERE service_id = $service AND provider_name = $storage AND state_name = $state ORDER BY grain_id;";
        command.Parameters.AddWithValue("$service", serviceId);
        command.Parameters.AddWithValue("$storage", storageName);
        command.Parameters.AddWithValue("$state", stateName);
        using var reader = command.ExecuteReader();
        var rows = new List<WholeStateRow>();
        while (reader.Read())
        {
            if (!reader.IsDBNull(1))
            {
                rows.Add(new WholeStateRow(reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        return Task.FromResult<IReadOnlyList<WholeStateRow>>(rows);
    }

    public Task RemoveAllAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DROP TABLE IF EXISTS {Table};";
            return command.ExecuteNonQuery();
        });

    private static bool TableExists(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $table;";
        command.Parameters.AddWithValue("$table", Table);
        return command.ExecuteScalar() is not null;
    }
}
