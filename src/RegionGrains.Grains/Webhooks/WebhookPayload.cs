using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Webhooks;

/// <summary>A delivery's body, as Standard Webhooks suggests: <c>type</c>, <c>timestamp</c> and <c>data</c>.</summary>
internal sealed record WebhookPayload(string Type, DateTimeOffset Timestamp, WebhookEventData Data)
{
    public static WebhookPayload Of(string regionId, RegionEvent e) =>
        new($"region.{e.Kind}", e.Time, new WebhookEventData(regionId, e.Version, e.Time, e.Kind, e.Detail, e.Reason, e.Actor));
}

/// <summary>The region event, as the history endpoint shows it, with its region.</summary>
internal sealed record WebhookEventData(string RegionId, long Version, DateTimeOffset Time, RegionEventKind Kind, string Detail, string? Reason, string? Actor);
