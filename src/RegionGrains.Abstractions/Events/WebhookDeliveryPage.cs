using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Events;

/// <summary>A page of a rule's delivery log, newest first, and the <c>before</c> of the next page (null when last).</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.WebhookDeliveryPage")]
public sealed record WebhookDeliveryPage(
    [property: Id(0)] ImmutableArray<WebhookDelivery> Deliveries,
    [property: Id(1)] long? NextBefore);
