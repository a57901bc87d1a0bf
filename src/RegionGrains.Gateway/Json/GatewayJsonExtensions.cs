using System.Text.Json.Serialization;
using RegionGrains.Gateway.Regions;

namespace RegionGrains.Gateway.Json;

/// <summary>
/// The gateway's one JSON setup: generated metadata first, enums by their exact names, strict numbers and fields, and
/// the cache of serialized region answers.
/// </summary>
internal static class GatewayJsonExtensions
{
    public static WebApplicationBuilder AddGatewayJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default);
            o.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());

            // Strict bodies: the web defaults read "amount":"5" as the number 5, let the last of two "amount" keys
            // (in any casing) win silently, and skip fields they do not know, so two readers of one body could
            // disagree on what it asked for, and a misspelt "start" would book now what was meant for later. A number
            // is a JSON number, a field appears once, and every field is one the body takes; each mistake is a 400
            // naming the field (and, for an unknown one, the fields there are).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddSingleton<RegionResponseCache>();
        return builder;
    }
}
