using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Events;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Webhooks;

/// <summary>The names of every rule, kept in the webhooks' journal, so that rules whose silo failed are woken again.</summary>
internal sealed class EventRuleRegistryGrain(
    [FromKeyedServices(StorageNames.Webhooks)] IJournalStorage journal,
    Serializer serializer) : Grain, IEventRuleRegistryGrain
{
    private JournalCell<RuleNames> _cell = null!;
    private RuleNames _names = new([]);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _cell = new JournalCell<RuleNames>(journal, serializer, "webhook-rules");
        _names = await _cell.LoadAsync(cancellationToken) ?? new RuleNames([]);
    }

    public async Task SetAsync(string name, bool exists)
    {
        var next = exists ? _names.Names.Add(name) : _names.Names.Remove(name);
        if (next != _names.Names)
        {
            await _cell.SaveAsync(new RuleNames(next));
            _names = new RuleNames(next);
        }
    }

    public Task WakeAllAsync()
    {
        foreach (var name in _names.Names)
        {
            GrainFactory.GetGrain<IEventRuleGrain>(name).WakeAsync().Ignore();
        }

        return Task.CompletedTask;
    }
}

/// <summary>The registry's stored value.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.RuleNames")]
internal sealed record RuleNames([property: Id(0)] ImmutableSortedSet<string> Names);
