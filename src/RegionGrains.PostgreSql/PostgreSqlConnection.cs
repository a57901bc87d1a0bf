using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RegionGrains.PostgreSql;

/// <summary>
/// The PostgreSQL connection string. It is a secret, so it is never in a committed file: set the environment
/// variable <c>ConnectionStrings__postgres</c> (read as <c>ConnectionStrings:postgres</c>), in Npgsql's format,
/// e.g. <c>Host=10.0.0.5;Port=5432;Database=regiongrains;Username=regiongrains;Password=...</c>.
/// </summary>
public static class PostgreSqlConnection
{
    /// <summary>Name under <c>ConnectionStrings</c>.</summary>
    public const string Name = "postgres";

    /// <summary>The environment variable that carries it.</summary>
    public const string EnvironmentVariable = "ConnectionStrings__postgres";

    /// <summary>The ADO.NET invariant under which Orleans' ADO.NET providers load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Reads and checks the connection string, failing with what to set when it is missing or malformed.</summary>
    /// <param name="configuration">The process's configuration.</param>
    /// <param name="name">The connection string's name under <c>ConnectionStrings</c>: <see cref="Name"/> unless an Aspire AppHost names another.</param>
    public static string Read(IConfiguration configuration, string name = Name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var variable = $"ConnectionStrings__{name}";
        var connectionString = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw Invalid(name, $"RegionGrains:Provider is PostgreSql but no PostgreSQL connection string is set; set the environment variable {variable}, e.g. {variable}=\"Host=127.0.0.1;Port=5432;Database=regiongrains;Username=regiongrains;Password=...\".");
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException exception)
        {
            throw Invalid(name, $"{variable} is not a valid Npgsql connection string: {exception.Message}");
        }
    }

    // The exception a host reports as a configuration error: one line and exit code 1, not a stack trace.
    private static OptionsValidationException Invalid(string name, string message) =>
        new($"ConnectionStrings:{name}", typeof(NpgsqlConnectionStringBuilder), [message]);
}
