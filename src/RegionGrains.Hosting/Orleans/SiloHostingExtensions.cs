using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RegionGrains.Abstractions;
using RegionGrains.Hosting.Clustering;
using RegionGrains.Hosting.Storage;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Wires an Orleans silo into a host: clustering, grain storage and trace propagation, chosen by configuration.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds a silo configured from the <c>RegionGrains</c> section.</summary>
    public static IHostApplicationBuilder AddRegionGrainsSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var options = builder.Configuration.GetSection(RegionGrainsOptions.Section).Get<RegionGrainsOptions>() ?? new();
        builder.Services.AddOptions<RegionGrainsOptions>().BindConfiguration(RegionGrainsOptions.Section).ValidateOnStart();
        Directory.CreateDirectory(options.DataDirectoryFullPath);

        builder.UseOrleans(silo =>
        {
            var siloPort = options.SiloPort == 0 ? FreePort.Pick() : options.SiloPort;
            var gatewayPort = options.GatewayPort == 0 ? FreePort.Pick() : options.GatewayPort;
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            silo.UseSqliteClustering(o => o.DataDirectory = options.DataDirectoryFullPath);

            silo.UseOrleansStateSerializer();
            silo.AddSqliteGrainStorage(StorageNames.Regions, o => o.DataDirectory = options.DataDirectoryFullPath);
            silo.AddSqliteGrainStorage(StorageNames.Footprint, o => o.DataDirectory = options.DataDirectoryFullPath);
            silo.AddActivityPropagation();
            configure?.Invoke(silo);
        });
        return builder;
    }
}
