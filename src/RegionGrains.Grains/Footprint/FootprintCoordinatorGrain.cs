using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// Second and last aggregation stage: sums the partitions' sums into an immutable snapshot that reads
/// return as is. Holds nothing durable: on activation it asks every partition for its sums, so losing
/// this activation loses nothing. Observers get coalesced notifications.
/// </summary>
internal sealed partial class FootprintCoordinatorGrain(
    IOptions<FootprintOptions> options,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    FootprintMetrics metrics,
    ILogger<FootprintCoordinatorGrain> logger) : Grain, IFootprintCoordinatorGrain
{
    private readonly ObserverManager<IFootprintObserver> _observers = new(IFootprintGrain.ObserverLifetime, logger);
    private readonly Dictionary<string, RegionSnapshot> _changed = new(StringComparer.Ordinal);
    private PartitionAggregate[] _partitions = [];
    private GlobalFootprint _snapshot = null!;
    private bool _notifyPending;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var partitions = options.Value.Partitions;
        _partitions = await Task.WhenAll(
            Enumerable.Range(0, partitions).Select(p => GrainFactory.GetGrain<IFootprintPartitionGrain>(p).GetAggregateAsync()));
        Recompute(null);
        this.RegisterGrainTimer(
            static (grain, _) => grain.NotifyAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = options.Value.NotifyInterval, Period = options.Value.NotifyInterval });
    }

    public Task<GlobalFootprint> GetAsync() => Task.FromResult(_snapshot);

    public async Task<ImmutableArray<RegionSnapshot>> ListRegionsAsync(RegionStatus? status = null, Geography? geography = null, SiteKind? kind = null)
    {
        var parts = await Task.WhenAll(
            Enumerable.Range(0, options.Value.Partitions).Select(p => GrainFactory.GetGrain<IFootprintPartitionGrain>(p).GetRegionsAsync(status, geography, kind)));
        return [.. parts.SelectMany(p => p).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    public Task SubscribeAsync(IFootprintObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IFootprintObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task ApplyAsync(PartitionAggregate aggregate)
    {
        if (aggregate.Partition < 0 || aggregate.Partition >= _partitions.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(aggregate), $"Partition {aggregate.Partition} is outside 0..{_partitions.Length - 1}; every silo must use the same partition count.");
        }

        using var activity = DomainActivities.StartApply(aggregate, time.GetUtcNow());

        _partitions[aggregate.Partition] = aggregate with { Changed = [] };
        foreach (var region in aggregate.Changed)
        {
            _changed[region.Id] = region;
        }

        Recompute(aggregate.OldestChangeAt);
        return Task.CompletedTask;
    }

    private void Recompute(DateTimeOffset? oldestChange)
    {
        var byStatus = Enum.GetValues<RegionStatus>().ToDictionary(s => s, _ => 0);
        var byGeography = Enum.GetValues<Geography>().ToDictionary(g => g, _ => 0);
        var byKind = Enum.GetValues<SiteKind>().ToDictionary(k => k, _ => 0);
        var resources = new Dictionary<string, (long Total, long Reserved, long Usable)>(StringComparer.Ordinal);
        var regions = 0;
        var unconfirmed = 0;
        foreach (var part in _partitions)
        {
            unconfirmed = checked(unconfirmed + part.Unconfirmed);
            // Checked: pool totals are capped (RegionValidation.MaxPoolTotal) so a sum cannot overflow, and if it ever
            // did, a failed recompute is better than a footprint with negative totals.
            regions = checked(regions + part.Regions);
            foreach (var (status, count) in part.ByStatus)
            {
                byStatus[status] = checked(byStatus[status] + count);
            }

            foreach (var (geography, count) in part.ByGeography)
            {
                byGeography[geography] = checked(byGeography[geography] + count);
            }

            foreach (var (kind, count) in part.ByKind)
            {
                byKind[kind] += count;
            }

            foreach (var (resource, totals) in part.Resources)
            {
                var (total, reserved, usable) = resources.GetValueOrDefault(resource);
                resources[resource] = (checked(total + totals.Total), checked(reserved + totals.Reserved), checked(usable + totals.Usable));
            }
        }

        var now = time.GetUtcNow();
        _snapshot = new GlobalFootprint(
            regions,
            byStatus.ToImmutableSortedDictionary(),
            byGeography.ToImmutableSortedDictionary(),
            resources.ToImmutableSortedDictionary(p => p.Key, p => new ResourceTotals(p.Value.Total, p.Value.Reserved, p.Value.Usable), StringComparer.Ordinal),
            now,
            oldestChange)
        {
            ByKind = byKind.ToImmutableSortedDictionary(),
            Unconfirmed = unconfirmed,
        };
        if (oldestChange is { } changedAt)
        {
            metrics.RecordStaleness(now - changedAt);
        }

        _notifyPending = true;
    }

    private Task NotifyAsync()
    {
        if (!_notifyPending || _observers.Count == 0)
        {
            _changed.Clear();
            return Task.CompletedTask;
        }

        _notifyPending = false;
        var change = new FootprintChange(_snapshot, [.. _changed.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);
        _changed.Clear();
        return _observers.Notify(o => o.OnFootprintChangedAsync(change));
    }
}
