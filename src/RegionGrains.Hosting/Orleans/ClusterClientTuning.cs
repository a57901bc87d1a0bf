using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Client settings for riding out the loss of silos: a short response timeout, so a call whose silo died answers
/// (as 503) in seconds rather than after Orleans' 30 s default, and a frequent gateway list refresh, so silos that
/// join or come back are used at once. Overridable under <c>RegionGrains:Client</c>.
/// </summary>
public static class ClusterClientTuning
{
    /// <summary>Configuration section whose keys override <see cref="ClientMessagingOptions"/> and <see cref="GatewayOptions"/>.</summary>
    public const string Section = ClusterHostingOptions.Section + ":Client";

    /// <summary>
    /// How long the client waits for a grain's answer. A region command takes milliseconds (one durable write);
    /// only a silo that died with the request in flight makes a caller wait this long.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often the client re-reads the gateways (the active silos) from the membership store.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(2);

    /// <summary>Applies the tuned values, then any override from <see cref="Section"/>.</summary>
    public static IServiceCollection AddTunedClusterClient(this IServiceCollection services)
    {
        services.AddOptions<ClientMessagingOptions>().Configure(o => o.ResponseTimeout = ResponseTimeout).BindConfiguration(Section);
        services.AddOptions<GatewayOptions>().Configure(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod).BindConfiguration(Section);
        return services;
    }
}
