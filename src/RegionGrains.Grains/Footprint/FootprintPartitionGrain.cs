using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Placement;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// First aggregation stage. Regions push here without their callers waiting; the partition keeps the
/// newest snapshot per region and exact running sums, and pushes its sums to the coordinator at most
/// once per <see cref="FootprintOptions.PushInterval"/>. Only the member list is persisted, as an append-only
/// stream (<see cref="PartitionMemberJournal"/>): adding regions writes only the new ids, whatever the partition
/// holds. Snapshots are re-read from the regions when the partition activates and after a silo of the cluster dies.
/// </summary>
internal sealed partial class FootprintPartitionGrain(
    PartitionMemberJournal memberJournal,
    IOptions<FootprintOptions> options,
    IClusterMembershipService membership,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    FootprintMetrics metrics,
    ILogger<FootprintPartitionGrain> logger) : Grain, IFootprintPartitionGrain
{
    private const int RecoveryConcurrency = 64;

    private readonly Dictionary<string, RegionSnapshot> _regions = new(StringComparer.Ordinal);

    // Every member and every region pushed, sorted, so that a page after any id is found in O(log n) without sorting
    // the partition. Members are in it from activation on, before their snapshots are read back.
    private readonly SortedSet<string> _sortedIds = new(StringComparer.Ordinal);
    private readonly FootprintSums _sums = new();
    private readonly Dictionary<string, RegionSnapshot> _changed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingMembers = new(StringComparer.Ordinal);
    private readonly List<ActivityContext> _pushTraces = [];
    private TaskCompletionSource? _nextMemberFlush;
    private bool _flushingMembers;
    private DateTimeOffset? _oldestChange;
    private bool _dirty;
    private Task _recovery = Task.CompletedTask;
    private Task _push = Task.CompletedTask;
    private bool _deactivating;
    // The silos seen dead, by address: a count could stay the same when the membership forgets an old death as a new
    // one comes, and that new death's regions would then never be read back.
    private readonly HashSet<SiloAddress> _deadSilos = [];
    private int _pushFailures;
    private PartitionMemberLog _memberLog = null!;

    private int Partition => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_memberLog, var members) = await memberJournal.OpenAsync(Partition, cancellationToken);
        _members.UnionWith(members);
        _sortedIds.UnionWith(members);

        NewlyDeadSilos();
        _recovery = RecoverAsync();
        this.RegisterGrainTimer(
            static (grain, _) => grain.TickAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = options.Value.PushInterval, Period = options.Value.PushInterval });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A push still in flight is not waited for: the next activation recovers every member and pushes again.
        _deactivating = true;
        metrics.ForgetPartition(Partition);
        return Task.CompletedTask;
    }

    public async Task PublishAsync(ImmutableArray<RegionPush> pushes)
    {
        DomainActivities.Remember(_pushTraces);
        List<string>? joining = null;
        foreach (var push in pushes)
        {
            Apply(push.Snapshot, push.ChangedAt);
            if (!_members.Contains(push.Snapshot.Id))
            {
                (joining ??= []).Add(push.Snapshot.Id);
            }
        }

        if (joining is not null)
        {
            await AddMembersAsync(joining);
        }
    }

    public async Task<PartitionAggregate> GetAggregateAsync()
    {
        await _recovery;
        return _sums.ToAggregate(Partition, [], null);
    }

    public async Task<ImmutableArray<RegionSnapshot>> GetRegionsAsync(RegionStatus? status, Geography? geography, SiteKind? kind)
    {
        await _recovery;
        return [.. _regions.Values.Where(r =>
            (status is null || r.Status == status) && (geography is null || r.Definition.Geography == geography) && (kind is null || r.Definition.Kind == kind))];
    }

    public async Task<PlacementAnswer> FindCandidatesAsync(PlacementQuery query)
    {
        await _recovery;
        return new PlacementAnswer(PlacementRules.Best(_regions.Values, query), time.GetUtcNow());
    }

    public async Task<HoldingsAnswer> FindHoldingsAsync(string consumer)
    {
        await _recovery;
        return new HoldingsAnswer(
            [.. _regions.Values
                .Where(r => r.ConsumerUsage?.ContainsKey(consumer) == true)
                .Select(r => new ConsumerHolding(r.Id, r.ConsumerUsage![consumer], r.Version))],
            time.GetUtcNow());
    }

    public async Task<UsageAnswer> SumUsageAsync(string project)
    {
        await _recovery;
        var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var regions = 0;
        foreach (var region in _regions.Values)
        {
            if (region.ProjectUsage?.GetValueOrDefault(project) is { } usage)
            {
                regions++;
                foreach (var (resource, amount) in usage)
                {
                    sums[resource] = checked(sums.GetValueOrDefault(resource) + amount);
                }
            }
        }

        return new UsageAnswer(project, sums.ToImmutableSortedDictionary(StringComparer.Ordinal), regions, time.GetUtcNow());
    }

    public async Task<RegionPage> GetRegionPageAsync(RegionPageQuery query)
    {
        // No waiting for the recovery (which re-reads every member, minutes at a million regions): a page reads back
        // only the members it reaches whose snapshots the recovery has not read yet, and is then built again.
        var unread = new List<string>();
        while (true)
        {
            var page = RegionPaging.Page(_sortedIds, _regions, query, unread);
            if (unread.Count == 0)
            {
                return page;
            }

            await ReadBackAsync(unread);
            unread.Clear();
        }
    }

    private void Apply(RegionSnapshot snapshot, DateTimeOffset changedAt)
    {
        _regions.TryGetValue(snapshot.Id, out var previous);
        if (previous is not null && previous.Version >= snapshot.Version)
        {
            return;
        }

        _regions[snapshot.Id] = snapshot;
        if (previous is null)
        {
            _sortedIds.Add(snapshot.Id);
        }

        _sums.Replace(previous, snapshot);
        if (_changed.Count < options.Value.MaxChangedRegionsPerPush || _changed.ContainsKey(snapshot.Id))
        {
            _changed[snapshot.Id] = snapshot;
        }

        _oldestChange = _oldestChange is { } oldest && oldest < changedAt ? oldest : changedAt;
        _dirty = true;
        metrics.SetPending(Partition, _oldestChange);
    }

    private async Task AddMembersAsync(List<string> regionIds)
    {
        _pendingMembers.UnionWith(regionIds);
        var flushed = _nextMemberFlush ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_flushingMembers)
        {
            _ = FlushMembersAsync();
        }

        await flushed.Task;
    }

    private async Task FlushMembersAsync()
    {
        _flushingMembers = true;
        try
        {
            while (_nextMemberFlush is { } flush)
            {
                _nextMemberFlush = null;
                // A region whose push came twice while its first append was in flight is already a member.
                var adding = _pendingMembers.Where(id => !_members.Contains(id)).ToArray();
                _pendingMembers.Clear();
                try
                {
                    if (adding.Length > 0)
                    {
                        await _memberLog.AppendAsync(adding);
                        _members.UnionWith(adding);
                    }

                    flush.SetResult();
                }
                catch (Exception exception)
                {
                    // The regions that asked retry their push; start over from storage.
                    LogMemberWriteFailed(exception, Partition);
                    DeactivateOnIdle();
                    flush.SetException(exception);
                }
            }
        }
        finally
        {
            _flushingMembers = false;
        }

        if (_memberLog.SnapshotDue)
        {
            await SnapshotMembersAsync();
        }
    }

    /// <summary>Compacts the member stream. The members are durable in its records already, so a failure only postpones it.</summary>
    private async Task SnapshotMembersAsync()
    {
        _flushingMembers = true;
        try
        {
            await _memberLog.SnapshotAsync(_members);
        }
        catch (Exception exception)
        {
            LogMemberSnapshotFailed(exception, Partition);
        }
        finally
        {
            _flushingMembers = false;
        }

        if (_nextMemberFlush is not null)
        {
            // Joins that arrived during the snapshot wait for a flush that nobody else will start.
            _ = FlushMembersAsync();
        }
    }

    private Task TickAsync()
    {
        if (_recovery.IsCompleted && NewlyDeadSilos())
        {
            // Regions that lived on the dead silo may have written a change and died before pushing it.
            _recovery = RecoverAsync();
        }

        if (!_dirty || !_recovery.IsCompleted || !_push.IsCompleted)
        {
            return Task.CompletedTask;
        }

        var changed = _changed.Values.ToImmutableArray();
        var oldest = _oldestChange;
        _changed.Clear();
        _oldestChange = null;
        _dirty = false;

        // Not awaited by the tick: a tick is a turn of this grain, and a turn waiting for the coordinator holds the
        // partition while the coordinator may be waiting for it (activating, it asks every partition for its sums;
        // listing, for its regions). Each then waited for the other until the call timed out, and a silo stopping
        // then took its whole 30 s shutdown timeout. The reply is handled between other turns, and the next tick
        // pushes only once it has come.
        _push = PushAsync(changed, oldest);
        return Task.CompletedTask;
    }

    private async Task PushAsync(ImmutableArray<RegionSnapshot> changed, DateTimeOffset? oldest)
    {
        using var activity = DomainActivities.StartPush(Partition, changed.Length, _pushTraces);
        _pushTraces.Clear();
        try
        {
            await GrainFactory.GetGrain<IFootprintCoordinatorGrain>(IFootprintGrain.Key).ApplyAsync(_sums.ToAggregate(Partition, changed, oldest));
            _pushFailures = 0;
        }
        catch (Exception exception)
        {
            activity.SetFault(exception);

            // Retried every tick: log the first failure of a streak and then every 100th (about 5 s),
            // not every 50 ms while, say, the coordinator's silo shuts down.
            if (_pushFailures++ % 100 == 0)
            {
                LogPushFailed(exception, Partition, _pushFailures);
            }

            _dirty = true;
            _oldestChange = _oldestChange is { } newer && oldest is { } older && older > newer ? newer : oldest ?? _oldestChange;
            RestoreChanged(changed);
        }

        if (!_deactivating)
        {
            metrics.SetPending(Partition, _oldestChange);
        }
    }

    /// <summary>
    /// Puts the regions of a push that failed back into the change list, so that observers still hear of
    /// them on the next push. Regions that changed again while the push was in flight keep their newer
    /// snapshot; the list stays within <see cref="FootprintOptions.MaxChangedRegionsPerPush"/>, unsent
    /// changes first.
    /// </summary>
    private void RestoreChanged(ImmutableArray<RegionSnapshot> unsent)
    {
        var newer = _changed.Values.ToArray();
        _changed.Clear();
        foreach (var snapshot in unsent.Concat(newer))
        {
            if (_changed.TryGetValue(snapshot.Id, out var held) ? held.Version < snapshot.Version : _changed.Count < options.Value.MaxChangedRegionsPerPush)
            {
                _changed[snapshot.Id] = snapshot;
            }
        }
    }

    private async Task RecoverAsync()
    {
        // Let activation finish first: regions activated below push back to this partition.
        await Task.Yield();
        var ids = _members.ToArray();
        try
        {
            for (var start = 0; start < ids.Length; start += RecoveryConcurrency)
            {
                await ReadBackAsync(ids.AsSpan(start, Math.Min(RecoveryConcurrency, ids.Length - start)).ToArray());
            }
        }
        catch (Exception exception)
        {
            // Sums built from part of the regions must never be served; a new activation starts over.
            LogRecoveryFailed(exception, Partition);
            DeactivateOnIdle();
            throw;
        }

        _dirty = true;
        LogRecovered(Partition, ids.Length);
    }

    /// <summary>Reads the regions' snapshots and applies them; a member that answers with none is not listed.</summary>
    private async Task ReadBackAsync(IReadOnlyList<string> ids)
    {
        var snapshots = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IRegionGrain>(id).GetAsync()));
        for (var i = 0; i < snapshots.Length; i++)
        {
            if (snapshots[i] is { } snapshot)
            {
                Apply(snapshot, snapshot.UpdatedAt);
            }
            else if (!_regions.ContainsKey(ids[i]))
            {
                _sortedIds.Remove(ids[i]);
            }
        }
    }

    /// <summary>Whether a silo is dead that was not before; remembers it.</summary>
    private bool NewlyDeadSilos()
    {
        var any = false;
        foreach (var (address, member) in membership.CurrentSnapshot.Members)
        {
            any |= member.Status == SiloStatus.Dead && _deadSilos.Add(address);
        }

        return any;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not store its member list")]
    private partial void LogMemberWriteFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not compact its member list; it stays in the records")]
    private partial void LogMemberSnapshotFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not push to the coordinator ({Failures} failures in a row); retrying")]
    private partial void LogPushFailed(Exception exception, int partition, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not re-read its regions")]
    private partial void LogRecoveryFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Footprint partition {Partition} re-read {Count} regions")]
    private partial void LogRecovered(int partition, int count);
}
