using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RegionGrains.Hosting.Clustering;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Wires an Orleans client into a host, connecting to a cluster chosen by configuration.</summary>
public static class ClientHostingExtensions
{
    /// <summary>Adds a client configured from the <c>RegionGrains</c> section.</summary>
    public static IHostApplicationBuilder AddRegionGrainsClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configure = null)
    {
        var options = builder.Configuration.GetSection(RegionGrainsOptions.Section).Get<RegionGrainsOptions>() ?? new();
        builder.Services.AddOptions<RegionGrainsOptions>().BindConfiguration(RegionGrainsOptions.Section).ValidateOnStart();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseSqliteClustering(o => o.DataDirectory = options.DataDirectoryFullPath);
            client.AddActivityPropagation();
            configure?.Invoke(client);
        });
        return builder;
    }
}
