namespace RegionGrains.Abstractions.Events;

/// <summary>The names of every webhook rule, so that rules are woken after a silo that held them failed. Use key <see cref="Key"/>.</summary>
[Alias("RegionGrains.IEventRuleRegistryGrain")]
public interface IEventRuleRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The one key.</summary>
    public const long Key = 0;

    /// <summary>Adds or removes a rule's name.</summary>
    [Alias("Set"), Idempotent]
    Task SetAsync(string name, bool exists);

    /// <summary>Wakes every rule.</summary>
    [Alias("WakeAll"), Idempotent]
    Task WakeAllAsync();
}
