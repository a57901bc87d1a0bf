using RegionGrains.Gateway.Regions;

namespace RegionGrains.Gateway.Json;

/// <summary>The gateway's serialization: generated metadata first, and the cache of serialized region answers.</summary>
internal static class GatewayJsonExtensions
{
    public static WebApplicationBuilder AddGatewayJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        builder.Services.AddSingleton<RegionResponseCache>();
        return builder;
    }
}
