using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RegionGrains.Abstractions;
using RegionGrains.Hosting.Tracing;
using RegionGrains.PostgreSql;
using RegionGrains.Redis;
using RegionGrains.Sqlite;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Wires an Orleans silo into a host: clustering, grain storage and trace propagation, chosen by configuration.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Whether a silo on PostgreSQL installs (or updates) the schema at start-up; false when the database user may
    /// not create tables and an operator ran src/RegionGrains.PostgreSql/Sql/*.sql instead.
    /// </summary>
    public const string PostgreSqlInstallSchemaKey = RegionGrainsOptions.Section + ":PostgreSql:InstallSchema";

    /// <summary>
    /// True in a Kubernetes pod (deploy/kubernetes sets it): Orleans' Kubernetes hosting names the silo after its pod,
    /// advertises the pod IP, takes the ids from the pod's labels (POD_NAME, POD_NAMESPACE, POD_IP,
    /// ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID) and marks silos whose pods are gone as dead.
    /// </summary>
    public const string KubernetesHostingKey = RegionGrainsOptions.Section + ":Kubernetes:Enabled";

    /// <summary>Adds a silo configured from the <c>RegionGrains</c> section.</summary>
    public static IHostApplicationBuilder AddRegionGrainsSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var options = RegionGrainsOptions.Read(builder.Configuration);
        builder.Services.AddOptions<RegionGrainsOptions>().BindConfiguration(RegionGrainsOptions.Section).ValidateOnStart();
        builder.Services.AddTunedClusterMembership();

        builder.UseOrleans(silo =>
        {
            var picked = FreePort.Pick(2, new HashSet<int>(FreePort.HttpPorts(builder.Configuration)) { options.SiloPort, options.GatewayPort });
            var siloPort = options.SiloPort == 0 ? picked[0] : options.SiloPort;
            var gatewayPort = options.GatewayPort == 0 ? picked[1] : options.GatewayPort;
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (!string.IsNullOrWhiteSpace(options.SiloName))
            {
                silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
            }

            if (string.IsNullOrWhiteSpace(options.AdvertisedAddress))
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            }
            else
            {
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), siloPort, gatewayPort, listenOnAnyHostAddress: true);
            }

            silo.UseOrleansStateSerializer();
            silo.Services.AddRemoteExceptions();
            switch (options.Provider)
            {
                case ClusterProvider.Redis:
                    // Read once here so a missing connection string stops the silo at startup with what to set.
                    silo.UseRedis(RedisConnection.Read(builder.Configuration), journalName: StorageNames.Regions, storageNames: [StorageNames.Footprint]);
                    break;
                case ClusterProvider.PostgreSql:
                    // Read once here so a missing connection string stops the silo at startup with what to set.
                    silo.UsePostgreSql(
                        PostgreSqlConnection.Read(builder.Configuration),
                        journalName: StorageNames.Regions,
                        storageNames: [StorageNames.Footprint],
                        installSchema: builder.Configuration.GetValue(PostgreSqlInstallSchemaKey, defaultValue: true));
                    break;
                default:
                    silo.UseSqlite(options.DataDirectoryFullPath, journalName: StorageNames.Regions, storageNames: [StorageNames.Footprint]);
                    break;
            }

            if (ClusterTls.Read(builder.Configuration) is { } tls)
            {
                silo.UseClusterTls(tls);
            }

            silo.AddGrainCallTracing();
            if (builder.Configuration.GetValue(KubernetesHostingKey, defaultValue: false))
            {
                // After the settings above, so the pod's own name, IP and orleans/* labels win; see docs/operations.md.
                silo.UseKubernetesHosting();
            }

            configure?.Invoke(silo);
        });
        return builder;
    }
}
