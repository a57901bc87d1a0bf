using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RegionGrains.Hosting.Stores;
using RegionGrains.Hosting.Tracing;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Wires an Orleans silo into a host: its ids and endpoints, the cluster's store (<see cref="ClusterStores"/>: Orleans
/// configures the one selected while it builds the silo), TLS and trace propagation, all from configuration.
/// </summary>
public static class SiloHostingExtensions
{
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
        ClusterStores.Select(builder.Configuration, options.Provider, options.DataDirectoryFullPath);

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

            silo.Services.AddRemoteExceptions();
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
