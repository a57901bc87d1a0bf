using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// The silo's outgoing footprint pushes: regions hand their newest snapshot here after each acknowledged change,
/// and one sender per partition forwards everything handed in meanwhile in one grain call. Callers never wait, except
/// a creation, which waits for its partition (<see cref="PublishCreatedAsync"/>).
/// </summary>
/// <remarks>
/// One push per change would add a grain call to every write (at 20,000 writes/s, 20,000 calls/s into 16
/// partitions). Here a sender takes whatever accumulated while its previous call was in flight, keeping only
/// the newest snapshot per region, so the calls per partition stay bounded by the round-trip time and not by the
/// write rate. A failed push is merged back (newer versions win) and retried, so every partition ends at each
/// region's last version. Snapshots handed in but not yet sent when a silo dies are covered like before: the
/// region republishes when it activates, and partitions re-read their members when a silo is declared dead.
/// </remarks>
internal sealed partial class FootprintOutbox(
    IGrainFactory grains,
    IOptions<FootprintOptions> options,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<FootprintOutbox> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainCheckInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CreationTimeout = TimeSpan.FromSeconds(5);

    private readonly Lane[] _lanes = [.. Enumerable.Range(0, options.Value.Partitions).Select(p => new Lane(p))];
    private readonly CreationLane[] _creations = [.. Enumerable.Range(0, options.Value.Partitions).Select(p => new CreationLane(p))];

    // Set once the silo's stop has drained the outbox or given up on it: senders then stop retrying.
    private volatile bool _stopped;

    /// <summary>Queues <paramref name="snapshot"/> for its partition; a newer snapshot of the same region replaces it.</summary>
    public void Publish(RegionSnapshot snapshot, DateTimeOffset changedAt)
    {
        var lane = _lanes[FootprintPartitioning.PartitionOf(snapshot.Id, _lanes.Length)];
        var trace = Activity.Current is { Recorded: true } current ? current.Context : default;
        lock (lane)
        {
            lane.Add(new RegionPush(snapshot, changedAt), trace);
            if (!lane.Sending)
            {
                lane.Sending = true;

                // The sender outlives this call: it must not carry the caller's activity or request context along.
                using (ExecutionContext.SuppressFlow())
                {
                    lane.Sender = Task.Run(() => SendAsync(lane));
                }
            }
        }
    }

    /// <summary>
    /// Delivers a new region's first snapshot to its partition before the creation is acknowledged, so a region is
    /// listed (and counted) from the moment its creator hears it exists, and a silo that dies right after cannot
    /// leave an acknowledged region out of the partition's durable member list (a region nobody calls again would
    /// never republish). Creations that arrive while a partition's call is in flight go together in its next call, as
    /// the partition then stores them in one member write: a bulk import costs a partition call per batch, not per
    /// region. If the partition does not answer in time the snapshots go through the outbox like any other, which
    /// retries.
    /// </summary>
    public Task PublishCreatedAsync(RegionSnapshot snapshot, DateTimeOffset changedAt)
    {
        var lane = _creations[FootprintPartitioning.PartitionOf(snapshot.Id, _creations.Length)];
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var trace = Activity.Current is { Recorded: true } current ? current.Context : default;
        lock (lane)
        {
            lane.Pending.Add((new RegionPush(snapshot, changedAt), delivered));
            if (trace != default && lane.Traces.Count < DomainActivities.MaxPushLinks)
            {
                lane.Traces.Add(trace);
            }

            if (!lane.Sending)
            {
                lane.Sending = true;
                using (ExecutionContext.SuppressFlow())
                {
                    lane.Sender = Task.Run(() => SendCreationsAsync(lane));
                }
            }
        }

        return delivered.Task;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<FootprintOutbox>(ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, DrainAsync);

    /// <summary>
    /// On a graceful stop (after the grains deactivated): lets every queued push go out to partitions on the silos that
    /// stay, for a bounded time. Once no other silo is active there is nowhere to send them (the partitions of a
    /// one-silo cluster, or of a cluster stopping as a whole, stop with it), so the stop waits no longer: the
    /// partitions' next activation re-reads the regions whose journals are past what they stored, as after a crash.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        Task[] senders;
        lock (_lanes)
        {
            senders = [.. _lanes.Select(l => { lock (l) { return l.Sender; } }), .. _creations.Select(l => { lock (l) { return l.Sender; } })];
        }

        // Checked again while waiting: when the whole cluster stops at once, the other silos leave during the drain.
        var drained = Task.WhenAll(senders);
        var started = Stopwatch.GetTimestamp();
        while (!drained.IsCompleted && Stopwatch.GetElapsedTime(started) < DrainTimeout && !cancellationToken.IsCancellationRequested)
        {
            if (!AnotherSiloIsActive())
            {
                LogNowhereToDrain();
                break;
            }

            await Task.WhenAny(drained, Task.Delay(DrainCheckInterval, cancellationToken));
        }

        _stopped = true;
    }

    private bool AnotherSiloIsActive() =>
        membership.CurrentSnapshot.Members.Any(m => m.Value.Status == SiloStatus.Active && !m.Key.Equals(localSilo.SiloAddress));

    private async Task SendCreationsAsync(CreationLane lane)
    {
        var partition = lane.Grain ??= grains.GetGrain<IFootprintPartitionGrain>(lane.Partition);
        while (true)
        {
            List<(RegionPush Push, TaskCompletionSource Delivered)> batch;
            List<ActivityContext> traces;
            lock (lane)
            {
                if (lane.Pending.Count == 0)
                {
                    lane.Sending = false;
                    return;
                }

                (batch, traces) = (lane.Pending, lane.Traces);
                (lane.Pending, lane.Traces) = ([], []);
            }

            ImmutableArray<RegionPush> pushes = [.. batch.Select(b => b.Push)];
            using (var activity = DomainActivities.StartPublish(lane.Partition, pushes, traces))
            {
                try
                {
                    await partition.PublishAsync(pushes).WaitAsync(CreationTimeout);
                }
                catch (Exception exception)
                {
                    activity.SetFault(exception);
                    LogCreationPublishFailed(exception, pushes.Length, lane.Partition);
                    foreach (var push in pushes)
                    {
                        Publish(push.Snapshot, push.ChangedAt);
                    }
                }
            }

            foreach (var (_, delivered) in batch)
            {
                delivered.SetResult();
            }
        }
    }

    private async Task SendAsync(Lane lane)
    {
        // GetGrain resolves the interface type through attribute reflection on every call; a reference is immutable, so each lane keeps its own.
        var partition = lane.Grain ??= grains.GetGrain<IFootprintPartitionGrain>(lane.Partition);
        var delay = options.Value.OutboxDelay;
        while (true)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            ImmutableArray<RegionPush> batch;
            List<ActivityContext> traces;
            lock (lane)
            {
                if (lane.Pending.Count == 0)
                {
                    lane.Sending = false;
                    return;
                }

                (batch, traces) = lane.Take();
            }

            using var activity = DomainActivities.StartPublish(lane.Partition, batch, traces);
            try
            {
                await partition.PublishAsync(batch);
                lane.Failures = 0;
            }
            catch (Exception exception)
            {
                activity.SetFault(exception);
                activity?.Stop(); // the span is the attempt, not the back-off below
                if (lane.Failures++ % 25 == 0)
                {
                    // First of a streak, then about every 5 s: one line per partition, not one per retry.
                    LogPublishFailed(exception, lane.Partition, batch.Length, lane.Failures);
                }

                lock (lane)
                {
                    foreach (var push in batch)
                    {
                        lane.Add(push, default);
                    }

                    if (_stopped)
                    {
                        // The silo stopped: nothing can be delivered from here any more.
                        lane.Sending = false;
                        return;
                    }
                }

                await Task.Delay(RetryDelay);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No other silo is active to take the footprint pushes still queued; the partitions re-read those regions when they next activate")]
    private partial void LogNowhereToDrain();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} new regions to footprint partition {Partition} failed; the outbox retries them")]
    private partial void LogCreationPublishFailed(Exception exception, int count, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} regions to footprint partition {Partition} failed ({Failures} failures in a row); retrying")]
    private partial void LogPublishFailed(Exception exception, int partition, int count, int failures);

    /// <summary>The new regions waiting for one partition, each with its creator's wait. Guarded by locking the lane itself.</summary>
    private sealed class CreationLane(int partition)
    {
        public int Partition { get; } = partition;

        public List<(RegionPush Push, TaskCompletionSource Delivered)> Pending { get; set; } = [];

        public List<ActivityContext> Traces { get; set; } = [];

        public bool Sending { get; set; }

        public Task Sender { get; set; } = Task.CompletedTask;

        public IFootprintPartitionGrain? Grain { get; set; }
    }

    /// <summary>The pushes waiting for one partition. Guarded by locking the lane itself.</summary>
    private sealed class Lane(int partition)
    {
        public int Partition { get; } = partition;

        public Dictionary<string, RegionPush> Pending { get; } = new(StringComparer.Ordinal);

        public List<ActivityContext> Traces { get; private set; } = [];

        public bool Sending { get; set; }

        public Task Sender { get; set; } = Task.CompletedTask;

        public int Failures { get; set; }

        public IFootprintPartitionGrain? Grain { get; set; }

        /// <summary>Keeps the newest snapshot of a region, with the time of its oldest unsent change.</summary>
        public void Add(RegionPush push, ActivityContext trace)
        {
            if (Pending.TryGetValue(push.Snapshot.Id, out var queued))
            {
                var newest = queued.Snapshot.Version >= push.Snapshot.Version ? queued.Snapshot : push.Snapshot;
                push = new RegionPush(newest, queued.ChangedAt < push.ChangedAt ? queued.ChangedAt : push.ChangedAt);
            }

            Pending[push.Snapshot.Id] = push;
            if (trace != default && Traces.Count < DomainActivities.MaxPushLinks)
            {
                Traces.Add(trace);
            }
        }

        public (ImmutableArray<RegionPush> Batch, List<ActivityContext> Traces) Take()
        {
            var batch = Pending.Values.ToImmutableArray();
            var traces = Traces;
            Pending.Clear();
            Traces = [];
            return (batch, traces);
        }
    }
}
