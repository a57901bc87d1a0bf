using Npgsql;
using RegionGrains.PostgreSql;

namespace RegionGrains.Storage.Tests.Journal;

/// <summary>
/// Whether the PostgreSQL server of <c>ConnectionStrings__postgres</c> answers (.ci/run starts one on loopback and
/// exports it). Locally the PostgreSQL tests skip with the reason when none is configured or none answers; in CI
/// (<c>CI=true</c>) they fail instead. The schema (src/RegionGrains.PostgreSql/Sql) is installed once, as a silo would.
/// </summary>
internal static class PostgreSqlAvailability
{
    private static readonly Lazy<string?> Problem = new(Prepare);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(PostgreSqlConnection.EnvironmentVariable);

    public static void SkipUnlessAnswering()
    {
        if (Problem.Value is { } reason)
        {
            Skip.If(!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), reason + " Skipped only outside CI: with CI=true these tests fail instead.");
            Assert.Fail(reason);
        }
    }

    private static string? Prepare()
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            return $"{PostgreSqlConnection.EnvironmentVariable} is not set; run .ci/run, which starts a PostgreSQL of its own, or point it at a server you may write to.";
        }

        try
        {
            PostgreSqlSchema.InstallAsync(ConnectionString, CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return $"The PostgreSQL server of {PostgreSqlConnection.EnvironmentVariable} did not answer: {exception.Message}";
        }
    }
}
