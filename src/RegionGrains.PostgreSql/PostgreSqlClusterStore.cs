using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.Providers;
using RegionGrains.Journal.Stores;
using RegionGrains.PostgreSql;

[assembly: RegisterProvider(PostgreSqlClusterStore.ProviderType, "Clustering", "Silo", typeof(PostgreSqlClusterStore))]
[assembly: RegisterProvider(PostgreSqlClusterStore.ProviderType, "Clustering", "Client", typeof(PostgreSqlClusterStore))]

namespace RegionGrains.PostgreSql;

/// <summary>
/// The PostgreSQL store, everything about it in one place: a silo's membership and reminders through Orleans' ADO.NET
/// providers with this project's SQL, the journal of this project, the schema installed at start-up
/// (<see cref="PostgreSqlHostingExtensions.UsePostgreSql"/>), a client's gateway list, and which of its failures mean
/// "unavailable". Orleans configures it from <c>Orleans:Clustering</c> (<c>ProviderType</c> <see cref="ProviderType"/>;
/// <c>ServiceKey</c> names the connection string, <c>postgres</c> when absent), which
/// <c>RegionGrains:Provider=PostgreSql</c> fills in.
/// </summary>
public sealed class PostgreSqlClusterStore : IClusterStore, IProviderBuilder<ISiloBuilder>, IProviderBuilder<IClientBuilder>
{
    /// <summary>The clustering provider type this store registers as.</summary>
    public const string ProviderType = "RegionGrains.PostgreSql";

    /// <summary>
    /// Whether a silo installs (or updates) the schema at start-up; false when the database user may not create
    /// tables and an operator ran src/RegionGrains.PostgreSql/Sql/*.sql instead.
    /// </summary>
    public const string InstallSchemaKey = "RegionGrains:PostgreSql:InstallSchema";

    /// <inheritdoc />
    public string Name => "PostgreSql";

    /// <inheritdoc />
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configurationSection);
        // Read here, so a missing connection string stops the silo at start-up with what to set.
        builder.UsePostgreSql(
            PostgreSqlConnection.Read(builder.Configuration, configurationSection["ServiceKey"] ?? PostgreSqlConnection.Name),
            installSchema: builder.Configuration.GetValue(InstallSchemaKey, defaultValue: true));
    }

    /// <inheritdoc />
    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configurationSection);
        builder.UsePostgreSqlClustering(
            PostgreSqlConnection.Read(builder.Configuration, configurationSection["ServiceKey"] ?? PostgreSqlConnection.Name));
    }

    /// <inheritdoc />
    public bool IsUnavailable(Exception exception) => exception is NpgsqlException;

    /// <inheritdoc />
    public string? ExplainStartupFailure(Exception exception) =>
        exception is NpgsqlException
            ? StoreStartupFailure.Explain("the PostgreSQL database", $"ConnectionStrings:{PostgreSqlConnection.Name}", exception)
            : null;
}
