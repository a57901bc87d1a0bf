using Orleans.Concurrency;

namespace RegionGrains.Abstractions.Events;

/// <summary>One webhook rule, keyed by its name: its definition, and the delivery of matching region events to its target.</summary>
[Alias("RegionGrains.IEventRuleGrain")]
public interface IEventRuleGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the rule; true when it was created. Deliveries start from the events after this call.</summary>
    [Alias("Put"), Idempotent]
    Task<bool> PutAsync(EventRule rule);

    /// <summary>The rule without its secret, or null.</summary>
    [Alias("Get"), Idempotent]
    Task<EventRuleView?> GetAsync();

    /// <summary>Deletes the rule and stops its deliveries; false when there was none.</summary>
    [Alias("Delete"), Idempotent]
    Task<bool> DeleteAsync();

    /// <summary>Up to <paramref name="limit"/> deliveries older than sequence <paramref name="before"/>, newest first; null when there is no rule.</summary>
    [Alias("GetDeliveries"), Idempotent]
    Task<WebhookDeliveryPage?> GetDeliveriesAsync(int limit, long? before = null);

    /// <summary>Activates the rule if it is not (after its silo failed) so that its deliveries go on.</summary>
    [Alias("Wake"), Idempotent, OneWay]
    Task WakeAsync();
}
