using System.Collections.Immutable;
using RegionGrains.Abstractions.Events;

namespace RegionGrains.Grains.Webhooks;

/// <summary>
/// A rule's durable state. The regions' journals are the outbox: a cursor per region says up to which version its
/// events were handled (delivered, failed for good, or not matching), and nothing else needs storing per event.
/// </summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.EventRuleState")]
internal sealed record EventRuleState(
    [property: Id(0)] StoredRule? Rule,
    [property: Id(1)] ImmutableDictionary<string, long> Cursors,
    [property: Id(2)] ImmutableList<WebhookDelivery> Deliveries,
    [property: Id(3)] long LastSequence,
    [property: Id(4)] ImmutableDictionary<string, DateTimeOffset> AboveSince)
{
    public static EventRuleState Empty { get; } = new(null, ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal), [], 0, ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal));
}
