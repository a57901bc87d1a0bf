using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;

namespace RegionGrains.Sqlite.Clustering;

/// <summary>Makes silos and clients use the SQLite membership table, for clusters whose processes share one machine.</summary>
public static class SqliteClusteringExtensions
{
    /// <summary>Silos join the cluster through the SQLite membership table in <see cref="SqliteFileOptions.DataDirectory"/>.</summary>
    public static ISiloBuilder UseSqliteClustering(this ISiloBuilder builder, Action<SqliteClusteringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddMembershipTable(builder.Services, configure);
        return builder;
    }

    /// <summary>The client finds gateways in the SQLite membership table the cluster's silos write.</summary>
    public static IClientBuilder UseSqliteClustering(this IClientBuilder builder, Action<SqliteClusteringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddMembershipTable(builder.Services, configure);
        builder.Services.AddSingleton<IGatewayListProvider, SqliteGatewayListProvider>();
        return builder;
    }

    private static void AddMembershipTable(IServiceCollection services, Action<SqliteClusteringOptions>? configure)
    {
        var options = services.AddOptions<SqliteClusteringOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<SqliteMembershipTable>();
        services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<SqliteMembershipTable>());
    }
}
