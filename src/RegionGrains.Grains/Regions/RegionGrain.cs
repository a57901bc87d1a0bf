using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Events;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Regions.Changes;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// One region. Not reentrant: every command checks and changes capacity, so commands run one at a time; only
/// <see cref="GetAsync"/> interleaves with them, reading the last acknowledged state and never writing.
/// A command's changes are appended to the region's journal and acknowledged only once durable; the state
/// in memory moves on only after that. A failed append keeps the previous state and deactivates, so the next
/// call starts again from what the journal holds. Snapshots are written every few hundred changes, off the
/// reply path.
/// </summary>
internal sealed partial class RegionGrain(RegionServices services) : Grain, IRegionGrain, IRegionSelfCalls, IRemindable
{
    private IGrainTimer? _leaseTimer;
    private RegionSnapshot? _currentSnapshot;

    private RegionState _state = RegionState.Empty;
    private int _changesSinceSnapshot;
    private Task _compaction = Task.CompletedTask;

    // This activation's append while it waits for the journal, for a confirmed read that finds the head moved.
    private Task? _pendingAppend;

    /// <summary>
    /// Grain timers take due times up to about 49.7 days; a reservation may live far longer, so a longer wait is taken
    /// in steps (timers and the wake-up reminder alike) and the check simply finds nothing due until the last one.
    /// </summary>
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(7);

    private RegionState State => _state;

    private RegionJournal Journal => services.Journal;

    private TimeProvider Time => services.Time;

    private RegionGrainOptions Options => services.Options;

    private RegionRules Rules => services.Rules;

    private FootprintOutbox Footprint => services.Footprint;

    private RegionMetrics Metrics => services.Metrics;

    private string RegionId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_state, _changesSinceSnapshot) = await Journal.LoadAsync(RegionId, cancellationToken);
        // A crash between a write and its publish would leave the footprint behind this region;
        // publishing on every activation closes that gap as soon as the region is used again.
        if (State.IsDefined)
        {
            Footprint.Publish(Snapshot(), State.UpdatedAt);
            ScheduleWakeUp(RegionRules.NextExpiry(State));
            ScheduleLeaseCheck();
            Metrics.Track(Snapshot());
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Metrics.Forget(RegionId);
        await WaitForCompactionAsync();
    }

    public ValueTask<RegionSnapshot?> GetAsync()
    {
        // The hot read: unless a reservation's lifetime is up, answer synchronously with the snapshot kept for this
        // version (immutable), so a read allocates neither a state machine nor a task and the activation keeps no task
        // for it. This runs interleaved with commands (a command awaiting its commit has not changed the state yet), so
        // it must not write: an expiry that is due goes through the grain's own non-interleaved entry, which runs
        // between commands.
        if (!ExpiryIsDue())
        {
            return Options.ConfirmReads ? new(ConfirmedGetAsync()) : new(State.IsDefined ? Snapshot() : null);
        }

        return new(GrainFactory.GetGrain<IRegionSelfCalls>(RegionId).ExpireThenGetAsync());
    }

    async Task<RegionSnapshot?> IRegionSelfCalls.ExpireThenGetAsync()
    {
        await ExpireDueAsync();
        return await ConfirmedGetAsync();
    }

    private async Task<RegionSnapshot?> ConfirmedGetAsync()
    {
        var state = await ReadStateAsync();
        return !state.IsDefined ? null : ReferenceEquals(state, State) ? Snapshot() : SnapshotOf(RegionId, state);
    }

    /// <summary>
    /// The state a read answers with. Without <see cref="RegionGrainOptions.ConfirmReads"/>, the state in memory. With
    /// it, the state in memory once the journal's head confirms that no other activation has appended since this one
    /// last did: Orleans can keep two activations of one region for a while after a silo is declared dead
    /// (docs/consistency.md), and only the journal knows which one wrote last. When another one has, the answer is
    /// the journal's state, and this activation, whose memory can no longer be trusted, deactivates.
    /// </summary>
    private async Task<RegionState> ReadStateAsync()
    {
        if (!Options.ConfirmReads)
        {
            return State;
        }

        var head = await Journal.ReadHeadAsync(RegionId);
        if (head > State.Version && _pendingAppend is { } pending)
        {
            // The head may be this activation's own append, durable and not yet acknowledged: its outcome decides.
            // Its failure is the command's to report; the state tells what happened.
            await pending.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        }

        if (head <= State.Version)
        {
            return State;
        }

        // Another activation appended: answer what the journal holds.
        var (stored, _) = await Journal.LoadAsync(RegionId);
        if (_pendingAppend is null)
        {
            LogOvertaken(services.Logger, RegionId, State.Version, head);
            DeactivateOnIdle();
        }

        return stored;
    }

    /// <summary>
    /// Before a command decides (every command and the wake-up run this first, never interleaved): with
    /// <see cref="RegionGrainOptions.ConfirmReads"/>, a state that another activation has overtaken is replaced by the
    /// journal's, so that no answer, a refusal included (a refusal journals nothing, so the version check cannot
    /// fence it), is decided on stale memory; the activation then deactivates.
    /// </summary>
    private async Task CatchUpIfOvertakenAsync()
    {
        if (!Options.ConfirmReads || _pendingAppend is not null)
        {
            return;
        }

        var head = await Journal.ReadHeadAsync(RegionId);
        if (head <= State.Version)
        {
            return;
        }

        LogOvertaken(services.Logger, RegionId, State.Version, head);
        (_state, _changesSinceSnapshot) = await Journal.LoadAsync(RegionId);
        _currentSnapshot = null;
        DeactivateOnIdle();
    }

    public async Task<RegionResult> DefineAsync(RegionDefinition definition, long? expectedVersion = null, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Define, this);
        await ExpireDueAsync();
        var result = await CommitAsync(Rules.Define(State, definition, expectedVersion, CallerContext()), dryRun);
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<RegionResult> SeedAsync(RegionDefinition definition, RegionStatus status, ImmutableDictionary<string, long> capacity)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Seed, this);
        var result = await CommitAsync(Rules.Seed(State, definition, status, capacity, SystemContext()));
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<RegionResult> ChangeStatusAsync(RegionStatus target, string reason, long? expectedVersion = null, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.ChangeStatus, this);
        await ExpireDueAsync();
        var from = State.Status;
        activity?.SetTag(TelemetryTags.StatusFrom, TelemetryValues.Of(from)).SetTag(TelemetryTags.StatusTo, TelemetryValues.Of(target));
        var result = await CommitAsync(Rules.ChangeStatus(State, target, reason, CallerContext(), expectedVersion), dryRun);
        activity.SetOutcome(result.Outcome);
        if (result.Outcome == RegionOutcome.Ok && !dryRun)
        {
            LogStatusChanged(services.Logger, RegionId, target, reason, CallerContext().Actor);
        }

        if (State.Status != from)
        {
            Metrics.RecordTransition(from, State.Status);
        }

        return result;
    }

    public async Task<RegionResult> SetCapacityAsync(string resource, long total, long? expectedVersion = null, PoolPolicy? policy = null, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.SetCapacity, this);
        activity?.SetTag(TelemetryTags.Resource, resource).SetTag(TelemetryTags.Amount, total);
        await ExpireDueAsync();
        var result = await CommitAsync(Rules.SetCapacity(State, resource, total, CallerContext(), expectedVersion, policy), dryRun);
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<ReservationResult> ReserveAsync(ReservationRequest request, long? expectedVersion = null, bool dryRun = false)
    {
        using var activity = DomainActivities.StartReserve(this, request);
        await ExpireDueAsync();
        var decision = Rules.Reserve(State, request, CallerContext(), expectedVersion);
        var result = await CommitAsync(decision, dryRun);
        activity.SetOutcome(result.Outcome);
        if (!dryRun)
        {
            Metrics.RecordReservation(result.Outcome, request.Resource, State.Capacity.ContainsKey(request.Resource));
        }

        var reservation = result.Succeeded || result.Outcome == RegionOutcome.Queued ? decision.Reservation : null;
        return new ReservationResult(result.Outcome, reservation, result.Region, result.Detail, decision.Shortfalls);
    }

    public async Task<ReservationResult> ChangeReservationAsync(ReservationPatch patch, long? expectedVersion = null, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.ChangeReservation, this);
        activity?.SetTag(TelemetryTags.ReservationId, patch.ReservationId);
        await ExpireDueAsync();
        var decision = Rules.ChangeReservation(State, patch, CallerContext(), expectedVersion);
        var result = await CommitAsync(decision, dryRun);
        activity.SetOutcome(result.Outcome);
        return new ReservationResult(result.Outcome, result.Succeeded ? decision.Reservation : null, result.Region, result.Detail, decision.Shortfalls);
    }

    public async Task<ReservationResult> PrepareAsync(TentativeChange change, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Prepare, this);
        await ExpireDueAsync();
        var decision = Rules.Prepare(State, change, CallerContext());
        var result = await CommitAsync(decision, dryRun);
        activity.SetOutcome(result.Outcome);
        ScheduleLeaseCheck();
        return new ReservationResult(result.Outcome, null, result.Region, result.Detail, decision.Shortfalls);
    }

    public async Task<RegionResult> CompleteAsync(string txId, bool commit)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Complete, this);
        await ExpireDueAsync();
        var result = await CommitAsync(Rules.Complete(State, txId, commit, CallerContext()));
        activity.SetOutcome(result.Outcome);
        ScheduleLeaseCheck();
        return result;
    }

    /// <summary>
    /// While a prepared change waits for its decision, a timer asks the consumer for it once the lease is up, and again
    /// every lease after that until the decision arrives: a consumer that crashed mid-change resolves it when asked.
    /// The ask is one-way, so the region never waits on the consumer inside its own turn (the consumer may be waiting
    /// on this region).
    /// </summary>
    private void ScheduleLeaseCheck()
    {
        _leaseTimer?.Dispose();
        _leaseTimer = null;
        if (State.Tentative.IsEmpty)
        {
            return;
        }

        var due = State.Tentative.Values.Min(h => h.LeaseUntil) - Time.GetUtcNow();
        _leaseTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.AskForDecisionsAsync(),
            this,
            new GrainTimerCreationOptions
            {
                DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDelay ? MaxTimerDelay : due,
                Period = Options.DecisionRetryInterval,
                KeepAlive = true,
            });
    }

    private Task AskForDecisionsAsync()
    {
        foreach (var hold in RegionRules.Lapsed(State, Time.GetUtcNow()))
        {
            GrainFactory.GetGrain<IConsumerGrain>(hold.Change.Consumer).ResolveAsync(hold.Change.TxId, RegionId).Ignore();
        }

        return Task.CompletedTask;
    }

    public async Task<ReservationPage?> ListReservationsAsync(ReservationQuery query)
    {
        await ExpireDueAsync();
        var state = await ReadStateAsync();
        return state.IsDefined ? RegionRules.ListReservations(state, query) : null;
    }

    public async Task<RegionResult> ReleaseAsync(string reservationId, long? expectedVersion = null, bool dryRun = false)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Release, this);
        activity?.SetTag(TelemetryTags.ReservationId, reservationId);
        await ExpireDueAsync();
        var result = await CommitAsync(Rules.Release(State, reservationId, CallerContext(), expectedVersion), dryRun);
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<Reservation?> GetReservationAsync(string reservationId)
    {
        await ExpireDueAsync();
        return (await ReadStateAsync()).Reservations.GetValueOrDefault(reservationId);
    }

    public async Task<Reservation?> FindReservationAsync(string reservationId)
    {
        await ExpireDueAsync();
        var state = await ReadStateAsync();
        return state.Reservations.GetValueOrDefault(reservationId) ?? state.Scheduled.GetValueOrDefault(reservationId) ??
            state.Waiting.GetValueOrDefault(reservationId)?.Reservation ?? state.Ended.GetValueOrDefault(reservationId);
    }

    public async Task<RegionHistoryPage?> GetHistoryAsync(int limit, long? before = null)
    {
        await ExpireDueAsync();
        if (!State.IsDefined)
        {
            return null;
        }

        return await Journal.ReadHistoryAsync(RegionId, Math.Max(1, limit), before);
    }

    public async Task<RegionEventPage?> GetEventsAsync(long after, int limit)
    {
        await ExpireDueAsync();
        return State.IsDefined ? await Journal.ReadEventsAsync(RegionId, after, Math.Max(1, limit), State.Version) : null;
    }

    /// <summary>
    /// Journals what <paramref name="decision"/> changes and answers with the region after it. A dry run answers the
    /// same from the decided state and stores nothing: the rules decide exactly as they would, so the answer is the
    /// one the write would have had at this version.
    /// </summary>
    private async Task<RegionResult> CommitAsync(RegionDecision decision, bool dryRun = false)
    {
        decision = Rules.WithGrants(decision, Time.GetUtcNow());
        RegionSnapshot? region;
        var changed = false;
        if (decision is { Next: { } next, Changes: { Count: > 0 } changes })
        {
            changed = true;
            if (dryRun)
            {
                region = SnapshotOf(RegionId, next);
                return new RegionResult(decision.Outcome, region, decision.Detail, AllowedTargets(decision), decision.At, changed);
            }

            await AppendAsync(next, changes);
        }

        region = State.IsDefined ? Snapshot() : null;
        return new RegionResult(decision.Outcome, region, decision.Detail, AllowedTargets(decision), decision.At, changed);
    }

    private static ImmutableArray<RegionStatus> AllowedTargets(RegionDecision decision) =>
        decision.AllowedTargets is null ? default : decision.AllowedTargets.ToImmutableArray();

    private async Task AppendAsync(RegionState next, IReadOnlyList<RegionChange> changes)
    {
        // Only a change that adds or ends something timed can move the next due instant; everything else keeps the
        // cached one instead of scanning every held reservation after each write. The durable wake-up is set before
        // the change is journaled, so a change acknowledged is never one that nothing will wake the region for.
        var due = changes.Any(AffectsExpiry) ? RegionRules.NextExpiry(next) : NextExpiry;
        await EnsureReminderAsync(due);
        try
        {
            var append = Journal.AppendAsync(RegionId, State.Version, changes);
            _pendingAppend = append;
            await append;
        }
        catch (Exception exception)
        {
            // Whether the append reached storage is unknown (it may have committed before a timeout), and on a
            // conflict another activation owns the region: keep the old state for any interleaved reader and let
            // the next activation read the truth from the Journal.
            _pendingAppend = null;
            DeactivateOnIdle();
            LogWriteFailed(services.Logger, exception, RegionId);
            Activity.Current.SetFault(exception);
            throw;
        }

        var previous = _state;
        _state = next;
        _pendingAppend = null;
        _currentSnapshot = null;

        // Staleness counts from the acknowledgement, not from when the change was decided: time spent
        // waiting for storage is the write's latency, not the footprint's. A creation waits for its partition,
        // so a region is listed once it is acknowledged; every other change is pushed without waiting.
        if (previous.IsDefined)
        {
            Footprint.Publish(Snapshot(), Time.GetUtcNow());
        }
        else
        {
            await Footprint.PublishCreatedAsync(Snapshot(), Time.GetUtcNow());
        }

        ScheduleWakeUp(due);
        Metrics.Track(Snapshot());

        _changesSinceSnapshot += changes.Count;
        if (_changesSinceSnapshot >= Journal.Options.SnapshotEvery && _compaction.IsCompleted)
        {
            // Not awaited: the reply does not wait for compaction. The state is immutable, so the write can
            // serialize it while later commands run; a snapshot that fails is simply retried at the next change.
            _changesSinceSnapshot = 0;
            _compaction = CompactAsync(next);
        }
    }

    private async Task CompactAsync(RegionState state)
    {
        try
        {
            await Journal.SnapshotAsync(RegionId, state);
        }
        catch (Exception exception)
        {
            _changesSinceSnapshot = Journal.Options.SnapshotEvery;
            LogSnapshotFailed(services.Logger, exception, RegionId, state.Version);
        }
    }

    private async Task WaitForCompactionAsync()
    {
        // CompactAsync handles its own failures, so this only waits.
        await _compaction;
    }

    private ChangeContext CallerContext() =>
        new(Time.GetUtcNow(), RegionActor.Of(RequestContext.Get(RegionActor.ContextKey)));

    private ChangeContext SystemContext() => new(Time.GetUtcNow(), RegionActor.System);

    private RegionSnapshot Snapshot() => _currentSnapshot ??= SnapshotOf(RegionId, State);

    private static RegionSnapshot SnapshotOf(string id, RegionState state) => new(
        id,
        state.Definition!,
        state.Status,
        state.Capacity,
        state.Reservations.Count,
        state.Version,
        state.UpdatedAt,
        state.ConsumerUsage.IsEmpty ? null : state.ConsumerUsage,
        state.ProjectUsage.IsEmpty ? null : state.ProjectUsage,
        state.Tentative.Count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RegionId} moved to {Status} by {Actor}: {Reason}")]
    private static partial void LogStatusChanged(ILogger logger, string regionId, RegionStatus status, string reason, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journaling a change of {RegionId} failed; the change was not acknowledged")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string regionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RegionId} at version {Version} found the journal at {Head}, appended by another activation; it answers from the journal and deactivates")]
    private static partial void LogOvertaken(ILogger logger, string regionId, long version, long head);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the snapshot of {RegionId} at version {Version} failed; it is retried at the next change")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string regionId, long version);
}
