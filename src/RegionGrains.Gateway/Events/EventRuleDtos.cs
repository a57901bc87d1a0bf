using RegionGrains.Abstractions.Events;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Events;

/// <summary>
/// The body of <c>PUT /api/event-rules/{name}</c>: the event kinds to deliver, optionally only for some regions and
/// only while a pool is over a utilization for a while, the target, and the signing secret (<c>whsec_</c> + base64).
/// </summary>
public sealed record EventRuleRequest(
    RegionEventKind[]? On,
    string[]? Regions,
    UtilizationConditionDto? When,
    WebhookTargetDto? Target,
    string? Secret);

/// <summary>Deliver only while <c>resource</c>'s utilization (reserved over usable) is above <c>utilizationAbove</c> (0 to 1) and has been for <c>for</c> (hh:mm:ss).</summary>
public sealed record UtilizationConditionDto(string? Resource, double? UtilizationAbove, TimeSpan? For);

/// <summary>Where deliveries are posted.</summary>
public sealed record WebhookTargetDto(string? Url);

/// <summary>A stored rule; its secret is never answered.</summary>
public sealed record EventRuleResponse(
    string Name,
    RegionEventKind[] On,
    string[] Regions,
    UtilizationConditionDto? When,
    WebhookTargetDto Target,
    DateTimeOffset UpdatedAt)
{
    public static EventRuleResponse From(EventRuleView rule) => new(
        rule.Name,
        [.. rule.On],
        [.. rule.Regions],
        rule.When is { } when ? new UtilizationConditionDto(when.Resource, when.Above, when.For) : null,
        new WebhookTargetDto(rule.TargetUrl),
        rule.UpdatedAt);
}

/// <summary>One event's delivery: its <c>webhook-id</c>, the event, the outcome so far and the last attempt.</summary>
public sealed record WebhookDeliveryResponse(
    long Sequence,
    string WebhookId,
    string RegionId,
    long Version,
    RegionEventKind Kind,
    WebhookOutcome Outcome,
    int Attempts,
    int? StatusCode,
    string? Error,
    DateTimeOffset LastAttemptAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) =>
        new(d.Sequence, d.WebhookId, d.RegionId, d.Version, d.Kind, d.Outcome, d.Attempts, d.StatusCode, d.Error, d.LastAttemptAt);
}
