using Microsoft.Data.Sqlite;

namespace RegionGrains.Sqlite;

/// <summary>
/// The write queue's connection and the transaction of the batch being committed, with prepared statements
/// kept for the connection's lifetime. Used by one writer thread only.
/// </summary>
internal sealed class SqliteWriteBatch(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    /// <summary>The transaction the current batch runs in.</summary>
    public SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("No batch is being committed.");

    /// <summary>Begins the batch's transaction, taking the write lock at once (BEGIN IMMEDIATE).</summary>
    public SqliteTransaction Begin()
    {
        _transaction = connection.BeginTransaction(deferred: false);
        return _transaction;
    }

    /// <summary>
    /// The prepared command for <paramref name="sql"/>, enlisted in the current transaction; its parameters are
    /// created on first use by <paramref name="parameters"/> and only get new values afterwards.
    /// </summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, SqliteType Type)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(name, type);
            }

            _commands.Add(sql, command);
        }

        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
