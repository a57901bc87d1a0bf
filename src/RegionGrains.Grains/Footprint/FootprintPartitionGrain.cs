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
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// First aggregation stage. Regions push here without their callers waiting; the partition keeps the newest snapshot
/// per region and exact running sums, and pushes its sums to the coordinator at most once per
/// <see cref="FootprintOptions.PushInterval"/>. It persists the snapshots it holds in an append-only stream
/// (<see cref="PartitionMemberJournal"/>): new members at once (their creation waits for it), later changes from its
/// timer at most once per <see cref="FootprintOptions.ChangeWriteInterval"/>, each write carrying only what changed
/// since the last. On activation it serves sums and pages from the
/// stored snapshots at once, marked unconfirmed, and catches up: it reads its members' journal heads in batches and
/// re-reads only the regions whose head is past the snapshot it holds.
/// </summary>
internal sealed partial class FootprintPartitionGrain(
    PartitionMemberJournal memberJournal,
    RegionJournal regionJournal,
    IOptions<FootprintOptions> options,
    IClusterMembershipService membership,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    FootprintMetrics metrics,
    ILogger<FootprintPartitionGrain> logger) : Grain, IFootprintPartitionGrain
{
    private const int RecoveryConcurrency = 64;

    // Members whose journal heads one step of the catch-up reads: a few queries of the store, a few milliseconds.
    private const int HeadBatch = 4_096;

    // How often the timer ticks while nothing is waiting to be pushed or written: it then only looks for silos that
    // died. Ticking at the push interval regardless cost an idle silo about 3 % of a core for its 16 partitions.
    private static readonly TimeSpan IdleTickInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, RegionSnapshot> _regions = new(StringComparer.Ordinal);

    // Every member and every region pushed, sorted, so that a page after any id is found in O(log n) without sorting
    // the partition. Members are in it from activation on, before their snapshots are confirmed or read back.
    private readonly SortedSet<string> _sortedIds = new(StringComparer.Ordinal);
    private readonly FootprintSums _sums = new();
    private readonly Dictionary<string, RegionSnapshot> _changed = new(StringComparer.Ordinal);

    // Regions the stream lists as members.
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);

    // Regions whose snapshot here is newer than the stream's; the next write takes them all.
    private readonly HashSet<string> _unwritten = new(StringComparer.Ordinal);

    // Members not yet checked against their journal's head since this activation loaded them (or since a silo died):
    // their snapshot may be missing or older than the region. Sums count them as loaded; pages check them first.
    private readonly HashSet<string> _unconfirmed = new(StringComparer.Ordinal);
    private readonly List<ActivityContext> _pushTraces = [];
    private TaskCompletionSource? _nextJoinWrite;
    private Task _write = Task.CompletedTask;
    private DateTimeOffset _lastChangeWrite;
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
    private IGrainTimer _timer = null!;
    private bool _idle;

    private int Partition => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_memberLog, var members) = await memberJournal.OpenAsync(Partition, cancellationToken);
        foreach (var (id, snapshot) in members)
        {
            _members.Add(id);
            _sortedIds.Add(id);
            if (snapshot is not null)
            {
                var shared = SharedStrings.Share(snapshot);
                _regions[id] = shared;
                _sums.Replace(null, shared);
            }
        }

        _unconfirmed.UnionWith(_members);

        // The coordinator may hold sums of a previous activation: the first tick pushes these.
        _dirty = true;
        NewlyDeadSilos();
        _recovery = CatchUpAsync();
        _timer = this.RegisterGrainTimer(
            static (grain, _) => grain.TickAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = options.Value.PushInterval, Period = options.Value.PushInterval });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A push still in flight is not waited for: the next activation pushes its sums again. What changed since the
        // last write is written now, so that after a clean stop the next activation re-reads nothing; a write that
        // fails or is cut short only leaves those regions for it to re-read.
        _deactivating = true;
        metrics.ForgetPartition(Partition);
        try
        {
            await _write.WaitAsync(cancellationToken);
            if (_unwritten.Count > 0)
            {
                _write = WriteAsync();
                await _write.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            LogDeactivationWriteCut(Partition, _unwritten.Count);
        }
    }

    public async Task PublishAsync(ImmutableArray<RegionPush> pushes)
    {
        DomainActivities.Remember(_pushTraces);
        var joining = false;
        foreach (var push in pushes)
        {
            Apply(push.Snapshot, push.ChangedAt);
            if (!_members.Contains(push.Snapshot.Id))
            {
                // Written even when the snapshot held is as new (a join whose write failed before): joining is the write.
                joining = true;
                _unwritten.Add(push.Snapshot.Id);
            }
        }

        if (joining)
        {
            await AddMembersAsync();
        }
    }

    public Task<PartitionAggregate> GetAggregateAsync() => Task.FromResult(Aggregate([], null));

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
        // No waiting for the catch-up: a page confirms only the members it reaches that the catch-up has not checked
        // yet (one batched head read, and a re-read of those behind), and is then built again.
        var unread = new List<string>();
        while (true)
        {
            var page = RegionPaging.Page(_sortedIds, _regions, query, unread, _unconfirmed);
            if (unread.Count == 0)
            {
                return page;
            }

            await ConfirmAsync(unread);
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

        // A snapshot decoded here (stored, or sent from another silo) brings copies of strings every region holds.
        snapshot = SharedStrings.Share(snapshot);
        _regions[snapshot.Id] = snapshot;
        if (previous is null)
        {
            _sortedIds.Add(snapshot.Id);
        }

        _sums.Replace(previous, snapshot);
        _unwritten.Add(snapshot.Id);
        if (_changed.Count < options.Value.MaxChangedRegionsPerPush || _changed.ContainsKey(snapshot.Id))
        {
            _changed[snapshot.Id] = snapshot;
        }

        _oldestChange = _oldestChange is { } oldest && oldest < changedAt ? oldest : changedAt;
        _dirty = true;
        metrics.SetPending(Partition, _oldestChange);
        Wake();
    }

    /// <summary>Back to ticking at the push interval: the next tick pushes what just changed.</summary>
    private void Wake()
    {
        if (_idle)
        {
            _idle = false;
            _timer.Change(options.Value.PushInterval, options.Value.PushInterval);
        }
    }

    /// <summary>Completes once the joining regions' snapshots are durable: a creation is acknowledged only then.</summary>
    private async Task AddMembersAsync()
    {
        var written = _nextJoinWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StartWrite();
        await written.Task;
    }

    private void StartWrite()
    {
        if (_write.IsCompleted)
        {
            _write = WriteAsync();
        }
    }

    /// <summary>
    /// Appends every snapshot changed since the last write in one record, then compacts when due. Runs again at once
    /// while regions wait to join (creations arriving during a write share the next one); other changes made meanwhile
    /// wait for the next tick. Never throws.
    /// </summary>
    private async Task WriteAsync()
    {
        while (true)
        {
            var joined = _nextJoinWrite;
            _nextJoinWrite = null;
            var ids = _unwritten.ToArray();
            _unwritten.Clear();
            try
            {
                if (ids.Length > 0)
                {
                    await _memberLog.AppendAsync(ids.Select(id => _regions[id]).ToArray());
                    _members.UnionWith(ids);
                }

                joined?.SetResult();
                if (_memberLog.SnapshotDue)
                {
                    await CompactAsync();
                }
            }
            catch (Exception exception)
            {
                // The regions that asked to join retry their push; start over from storage, where the next activation
                // finds these regions' journals past what the stream holds and re-reads them.
                LogMemberWriteFailed(exception, Partition);
                _unwritten.UnionWith(ids);
                DeactivateOnIdle();
                joined?.TrySetException(exception);
            }

            if (_nextJoinWrite is null)
            {
                return;
            }
        }
    }

    /// <summary>Compacts the member stream. The snapshots are durable in its records already, so a failure only postpones it.</summary>
    private async Task CompactAsync()
    {
        try
        {
            await _memberLog.SnapshotAsync([.. _regions.Values], [.. _members.Where(id => !_regions.ContainsKey(id))]);
        }
        catch (Exception exception)
        {
            LogMemberSnapshotFailed(exception, Partition);
        }
    }

    private Task TickAsync()
    {
        if (_recovery.IsCompleted && NewlyDeadSilos())
        {
            // Regions that lived on the dead silo may have written a change and died before pushing it.
            _unconfirmed.UnionWith(_members);
            _recovery = CatchUpAsync();
            Wake();
        }

        if (_unwritten.Count > 0 && time.GetUtcNow() - _lastChangeWrite >= options.Value.ChangeWriteInterval && _write.IsCompleted)
        {
            _lastChangeWrite = time.GetUtcNow();
            StartWrite();
        }

        if (!_dirty || !_push.IsCompleted)
        {
            if (!_dirty && !_idle && _push.IsCompleted && _unwritten.Count == 0 && _write.IsCompleted && _recovery.IsCompleted)
            {
                _idle = true;
                _timer.Change(IdleTickInterval, IdleTickInterval);
            }

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
            await GrainFactory.GetGrain<IFootprintCoordinatorGrain>(IFootprintGrain.Key).ApplyAsync(Aggregate(changed, oldest));
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

    private PartitionAggregate Aggregate(ImmutableArray<RegionSnapshot> changed, DateTimeOffset? oldest) =>
        _sums.ToAggregate(Partition, changed, oldest) with { Unconfirmed = _unconfirmed.Count };

    /// <summary>Confirms every unconfirmed member against its region's journal, a batch of heads at a time.</summary>
    private async Task CatchUpAsync()
    {
        // Let activation finish first: regions activated below push back to this partition.
        await Task.Yield();
        var ids = _unconfirmed.ToArray();
        var reread = 0;
        try
        {
            for (var start = 0; start < ids.Length; start += HeadBatch)
            {
                reread += await ConfirmAsync(ids.AsSpan(start, Math.Min(HeadBatch, ids.Length - start)).ToArray());

                // The next push tells the coordinator how many are left.
                _dirty = true;
            }
        }
        catch (Exception exception)
        {
            // A catch-up that cannot finish leaves sums that may never become exact; a new activation starts over.
            LogRecoveryFailed(exception, Partition);
            DeactivateOnIdle();
            throw;
        }

        _dirty = true;
        if (_unconfirmed.Count == 0)
        {
            // It held every member while they were checked: about 20 bytes a member, kept until the next catch-up.
            _unconfirmed.TrimExcess();
        }

        LogCaughtUp(Partition, ids.Length, reread);
    }

    /// <summary>
    /// Reads the journal heads of <paramref name="ids"/> and re-reads the regions whose head is past the snapshot held
    /// (or that have none): a region's head is the version of its last stored change, which is its snapshot's version,
    /// so a snapshot at the head is the region as stored. A newer snapshot pushed meanwhile is kept (Apply keeps the
    /// highest version). Returns how many were re-read.
    /// </summary>
    private async Task<int> ConfirmAsync(IReadOnlyList<string> ids)
    {
        var heads = await regionJournal.ReadHeadsAsync(ids);
        var behind = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (_regions.TryGetValue(ids[i], out var held) && held.Version >= heads[i])
            {
                _unconfirmed.Remove(ids[i]);
            }
            else
            {
                behind.Add(ids[i]);
            }
        }

        for (var start = 0; start < behind.Count; start += RecoveryConcurrency)
        {
            var batch = behind.GetRange(start, Math.Min(RecoveryConcurrency, behind.Count - start));
            await ReadBackAsync(batch);
            _unconfirmed.ExceptWith(batch);
        }

        return behind.Count;
    }

    /// <summary>Reads the regions' snapshots and applies them; a member that answers with none is not listed.</summary>
    private async Task ReadBackAsync(List<string> ids)
    {
        var snapshots = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IRegionGrain>(id).GetAsync().AsTask()));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not store its regions' snapshots")]
    private partial void LogMemberWriteFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not compact its stream; the snapshots stay in its records")]
    private partial void LogMemberSnapshotFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not push to the coordinator ({Failures} failures in a row); retrying")]
    private partial void LogPushFailed(Exception exception, int partition, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} could not catch up with its regions")]
    private partial void LogRecoveryFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Footprint partition {Partition} checked {Count} regions against their journals and re-read {Reread}")]
    private partial void LogCaughtUp(int partition, int count, int reread);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Footprint partition {Partition} deactivated before writing {Count} changed snapshots; its next activation re-reads those regions")]
    private partial void LogDeactivationWriteCut(int partition, int count);
}
