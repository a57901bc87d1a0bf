using System.Reflection;
using Npgsql;

namespace RegionGrains.PostgreSql;

/// <summary>
/// Installs this project's SQL (Sql/*.sql: the query table, membership, the journal, reminders) into a database. Every script
/// is idempotent and they run in one transaction under an advisory lock, so silos that start together install it
/// once and a silo of a newer build updates the stored statements.
/// </summary>
public static class PostgreSqlSchema
{
    /// <summary>Arbitrary, fixed key of the advisory lock that serializes installs across processes.</summary>
    private const long InstallLockKey = 0x5265_6769_6F6E;

    private const string ResourcePrefix = "RegionGrains.PostgreSql.Sql.";

    /// <summary>The scripts in the order they run, as (file name, text).</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>Runs every script against the database of <paramref name="connectionString"/>.</summary>
    public static async Task InstallAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({InstallLockKey})", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (_, sql) in Scripts)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static List<(string, string)> LoadScripts()
    {
        var assembly = typeof(PostgreSqlSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
