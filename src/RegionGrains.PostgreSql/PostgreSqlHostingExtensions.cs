using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Journal;
using RegionGrains.PostgreSql.Journal;

namespace RegionGrains.PostgreSql;

/// <summary>
/// Puts a silo's membership, journal and reminders, or a client's view of the gateways, on PostgreSQL through Orleans'
/// own ADO.NET providers and this project's SQL.
/// </summary>
public static class PostgreSqlHostingExtensions
{
    /// <summary>
    /// Membership through Orleans' ADO.NET clustering, the cluster's journal (the unnamed <see cref="IJournalStorage"/>)
    /// as <see cref="PostgreSqlJournalStorage"/>, reminders through Orleans' ADO.NET reminder table, and the schema
    /// installed at start-up unless <paramref name="installSchema"/> is false (an operator ran Sql/*.sql).
    /// </summary>
    public static ISiloBuilder UsePostgreSql(this ISiloBuilder silo, string connectionString, bool installSchema = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddPostgreSqlTelemetry();
        // A silo on this store can serve only while the database answers ("ready" is the tag /health/ready runs,
        // HealthEndpointExtensions.ReadyTag in ServiceDefaults). Silos only: a client's readiness is the cluster's.
        silo.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: ["ready"], timeout: TimeSpan.FromSeconds(5));
        silo.Services.AddSingleton<IJournalStorage>(services =>
            new PostgreSqlJournalStorage(connectionString, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
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
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgreSqlConnection.Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>A client that finds the cluster's gateways in the PostgreSQL membership table.</summary>
    public static IClientBuilder UsePostgreSqlClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddPostgreSqlTelemetry();
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgreSqlConnection.Invariant;
            o.ConnectionString = connectionString;
        });
        return client;
    }

    /// <summary>Npgsql's own traces and metrics, exported with the process's others when it has OpenTelemetry.</summary>
    private static void AddPostgreSqlTelemetry(this IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());
    }
}
