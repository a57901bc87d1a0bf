using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RegionGrains.Hosting.Stores;
using RegionGrains.Hosting.Tracing;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Wires an Orleans client into a host, finding the cluster's gateways in the store chosen by configuration (<see cref="ClusterStores"/>).</summary>
public static class ClientHostingExtensions
{
    /// <summary>
    /// Adds a client configured from the <c>RegionGrains</c> section. The host starts even when no silo is up yet:
    /// the client keeps connecting in the background (<see cref="ClusterClientStarter"/>) and
    /// <see cref="ClusterClientConnection"/> says when it has.
    /// </summary>
    public static IHostApplicationBuilder AddRegionGrainsClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configure = null)
    {
        var options = RegionGrainsOptions.Read(builder.Configuration);
        builder.Services.AddOptions<RegionGrainsOptions>().BindConfiguration(RegionGrainsOptions.Section).ValidateOnStart();

        builder.Services.AddTunedClusterClient();
        builder.Services.AddSingleton<ClusterClientConnection>();

        ClusterStores.Select(builder.Configuration, options.Provider, options.DataDirectoryFullPath);

        var hostedBefore = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (ClusterTls.Read(builder.Configuration) is { } tls)
            {
                client.UseClusterTls(tls);
            }

            client.Services.AddRemoteExceptions();
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            client.AddOutgoingGrainCallFilter<ClusterCallRetryFilter>();
            client.AddGrainCallTracing();
            configure?.Invoke(client);
        });
        StartClientInBackground(builder.Services, hostedBefore);
        return builder;
    }

    /// <summary>
    /// Replaces the hosted service Orleans registers for its client (which holds up the host's start until a silo
    /// answers) with <see cref="ClusterClientStarter"/>, which starts the same client without holding anything up.
    /// </summary>
    private static void StartClientInBackground(IServiceCollection services, HashSet<ServiceDescriptor> hostedBefore)
    {
        var added = services.Where(d => d.ServiceType == typeof(IHostedService) && !hostedBefore.Contains(d)).ToList();
        if (added.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected the Orleans client to register exactly one hosted service, found {added.Count}; was UseOrleansClient called before AddRegionGrainsClient?");
        }

        services.Remove(added[0]);
        services.AddHostedService<ClusterClientStarter>();
    }
}
