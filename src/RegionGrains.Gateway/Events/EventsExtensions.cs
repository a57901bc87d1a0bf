using Microsoft.Extensions.DependencyInjection.Extensions;
using RegionGrains.Abstractions.Events;

namespace RegionGrains.Gateway.Events;

/// <summary>The gateway's events out: region event streams and webhook rules.</summary>
internal static class EventsExtensions
{
    public static WebApplicationBuilder AddGatewayEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.Section)
            .Validate(o => o.CatchUpInterval > TimeSpan.Zero, "CatchUpInterval must be positive.")
            .Validate(o => o.PageSize is >= 1 and <= 1_000, "PageSize must be 1 to 1000.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        return builder;
    }

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRegionEventEndpoints();
        app.MapEventRuleEndpoints();
        return app;
    }
}
