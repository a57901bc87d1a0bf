using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Events;

/// <summary>One event's delivery to a rule's target.</summary>
/// <param name="Sequence">Position in the rule's delivery log, from 1.</param>
/// <param name="WebhookId">The <c>webhook-id</c> header, the same on every attempt: <c>{rule}:{region}:{version}</c>.</param>
/// <param name="RegionId">The region whose event it is.</param>
/// <param name="Version">The event's version in the region's journal.</param>
/// <param name="Kind">The event's kind.</param>
/// <param name="Outcome">Delivered, Failed, or Retrying while attempts go on.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="LastAttemptAt">When the last attempt ended.</param>
/// <param name="StatusCode">The target's last HTTP status, null when it gave none (refused, timed out).</param>
/// <param name="Error">Why the last attempt failed, in words; null when it did not.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string WebhookId,
    [property: Id(2)] string RegionId,
    [property: Id(3)] long Version,
    [property: Id(4)] RegionEventKind Kind,
    [property: Id(5)] WebhookOutcome Outcome,
    [property: Id(6)] int Attempts,
    [property: Id(7)] int? StatusCode,
    [property: Id(8)] string? Error,
    [property: Id(9)] DateTimeOffset LastAttemptAt);
