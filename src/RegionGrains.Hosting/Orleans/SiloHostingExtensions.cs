using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RegionGrains.Abstractions;
using RegionGrains.Hosting.Clustering;
using RegionGrains.Hosting.Storage;
using RegionGrains.Hosting.Tracing;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Wires an Orleans silo into a host: clustering, grain storage and trace propagation, chosen by configuration.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds a silo configured from the <c>RegionGrains</c> section.</summary>
    public static IHostApplicationBuilder AddRegionGrainsSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var options = builder.Configuration.GetSection(RegionGrainsOptions.Section).Get<RegionGrainsOptions>() ?? new();
        builder.Services.AddOptions<RegionGrainsOptions>().BindConfiguration(RegionGrainsOptions.Section).ValidateOnStart();
        builder.Services.AddTunedClusterMembership();

        builder.UseOrleans(silo =>
        {
            var siloPort = options.SiloPort == 0 ? FreePort.Pick() : options.SiloPort;
            var gatewayPort = options.GatewayPort == 0 ? FreePort.Pick() : options.GatewayPort;
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
            switch (options.Provider)
            {
                case ClusterProvider.Redis:
                    UseRedis(silo, builder.Configuration);
                    break;
                default:
                    UseSqlite(silo, options.DataDirectoryFullPath);
                    break;
            }

            silo.AddGrainCallTracing();
            configure?.Invoke(silo);
        });
        return builder;
    }

    private static void UseSqlite(ISiloBuilder silo, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        silo.UseSqliteClustering(o => o.DataDirectory = dataDirectory);
        silo.AddSqliteJournal(StorageNames.Regions, o =>
        {
            o.DataDirectory = dataDirectory;
            o.LegacyProviderName = StorageNames.Regions;
        });
        silo.AddSqliteGrainStorage(StorageNames.Footprint, o => o.DataDirectory = dataDirectory);
    }

    private static void UseRedis(ISiloBuilder silo, IConfiguration configuration)
    {
        // Read once here so a missing connection string stops the silo at startup with what to set.
        var redis = RedisConnection.Read(configuration);
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
        silo.AddRedisJournal(StorageNames.Regions, redis.Clone());
        silo.AddRedisGrainStorage(StorageNames.Footprint, o => o.ConfigurationOptions = redis.Clone());
    }
}
