using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RegionGrains.PostgreSql;

/// <summary>
/// Puts a silo's membership and grain state, or a client's view of the gateways, on PostgreSQL through Orleans' own
/// ADO.NET providers and this project's SQL.
/// </summary>
public static class PostgreSqlHostingExtensions
{
    /// <summary>
    /// Membership through Orleans' ADO.NET clustering, each storage name through its ADO.NET grain storage, and the
    /// schema installed at start-up unless <paramref name="installSchema"/> is false (an operator ran Sql/*.sql).
    /// </summary>
    public static ISiloBuilder UsePostgreSql(this ISiloBuilder silo, string connectionString, IEnumerable<string> storageNames, bool installSchema = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storageNames);
        if (installSchema)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
                new PostgreSqlSchemaInstaller(connectionString, sp.GetRequiredService<ILogger<PostgreSqlSchemaInstaller>>()));
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgreSqlConnection.Invariant;
            o.ConnectionString = connectionString;
        });
        foreach (var name in storageNames)
        {
            silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = PostgreSqlConnection.Invariant;
                o.ConnectionString = connectionString;
            });
        }

        return silo;
    }

    /// <summary>A client that finds the cluster's gateways in the PostgreSQL membership table.</summary>
    public static IClientBuilder UsePostgreSqlClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgreSqlConnection.Invariant;
            o.ConnectionString = connectionString;
        });
        return client;
    }
}
