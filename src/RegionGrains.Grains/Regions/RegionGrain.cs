using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// One region. Not reentrant: every command checks and changes capacity, so commands run one at a time.
/// A change is acknowledged only after its state is written; a failed write restores the previous
/// state and deactivates, so the next call starts again from what storage holds.
/// </summary>
internal sealed partial class RegionGrain(
    [PersistentState("region", StorageNames.Regions)] IPersistentState<RegionState> store,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    IOptions<RegionGrainOptions> options,
    IOptions<FootprintOptions> footprintOptions,
    RegionMetrics metrics,
    ILogger<RegionGrain> logger) : Grain, IRegionGrain
{
    private readonly RegionRules _rules = new(options.Value);
    private RegionFootprintPublisher? _publisher;
    private IGrainTimer? _expiryTimer;
    private DateTimeOffset? _nextExpiry;
    private RegionSnapshot? _snapshot;

    private RegionState State => store.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _publisher = new RegionFootprintPublisher(
            GrainFactory.GetGrain<IFootprintPartitionGrain>(FootprintPartitioning.PartitionOf(this.GetPrimaryKeyString(), footprintOptions.Value.Partitions)),
            logger);

        // A crash between a write and its publish would leave the footprint behind this region;
        // publishing on every activation closes that gap as soon as the region is used again.
        if (State.IsDefined)
        {
            _publisher.Publish(Snapshot(), State.UpdatedAt);
            ScheduleExpiry();
            metrics.Track(Snapshot());
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Forget(this.GetPrimaryKeyString());
        if (_publisher is not null)
        {
            await _publisher.DrainAsync(cancellationToken);
        }
    }

    public async Task<RegionSnapshot?> GetAsync()
    {
        await ExpireDueAsync();
        return State.IsDefined ? Snapshot() : null;
    }

    public async Task<RegionResult> DefineAsync(RegionDefinition definition, long? expectedVersion = null)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Define, this);
        await ExpireDueAsync();
        var result = await CommitAsync(_rules.Define(State, definition, expectedVersion, time.GetUtcNow()));
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<RegionResult> SeedAsync(RegionDefinition definition, RegionStatus status, ImmutableDictionary<string, long> capacity)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Seed, this);
        var result = await CommitAsync(_rules.Seed(State, definition, status, capacity, time.GetUtcNow()));
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<RegionResult> ChangeStatusAsync(RegionStatus target, string reason)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.ChangeStatus, this);
        await ExpireDueAsync();
        var from = State.Status;
        activity?.SetTag(TelemetryTags.StatusFrom, TelemetryValues.Of(from)).SetTag(TelemetryTags.StatusTo, TelemetryValues.Of(target));
        var result = await CommitAsync(_rules.ChangeStatus(State, target, reason, time.GetUtcNow()));
        activity.SetOutcome(result.Outcome);
        if (result.Outcome == RegionOutcome.Ok)
        {
            LogStatusChanged(this.GetPrimaryKeyString(), target, reason);
        }

        if (State.Status != from)
        {
            metrics.RecordTransition(from, State.Status);
        }

        return result;
    }

    public async Task<RegionResult> SetCapacityAsync(string resource, long total)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.SetCapacity, this);
        activity?.SetTag(TelemetryTags.Resource, resource).SetTag(TelemetryTags.Amount, total);
        await ExpireDueAsync();
        var result = await CommitAsync(_rules.SetCapacity(State, resource, total, time.GetUtcNow()));
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<ReservationResult> ReserveAsync(ReservationRequest request)
    {
        using var activity = DomainActivities.StartReserve(this, request);
        await ExpireDueAsync();
        var decision = _rules.Reserve(State, request, time.GetUtcNow());
        var result = await CommitAsync(decision);
        activity.SetOutcome(result.Outcome);
        metrics.RecordReservation(result.Outcome, request.Resource, State.Capacity.ContainsKey(request.Resource));
        return new ReservationResult(result.Outcome, result.Succeeded ? decision.Reservation : null, result.Region, result.Detail);
    }

    public async Task<RegionResult> ReleaseAsync(string reservationId)
    {
        using var activity = DomainActivities.StartRegion(DomainActivities.Names.Release, this);
        activity?.SetTag(TelemetryTags.ReservationId, reservationId);
        await ExpireDueAsync();
        var result = await CommitAsync(_rules.Release(State, reservationId, time.GetUtcNow()));
        activity.SetOutcome(result.Outcome);
        return result;
    }

    public async Task<Reservation?> GetReservationAsync(string reservationId)
    {
        await ExpireDueAsync();
        return State.Reservations.GetValueOrDefault(reservationId);
    }

    public async Task<ImmutableArray<RegionEvent>?> GetHistoryAsync(int limit)
    {
        await ExpireDueAsync();
        if (!State.IsDefined)
        {
            return null;
        }

        return [.. State.History.Reverse().Take(Math.Max(0, limit))];
    }

    private async Task<RegionResult> CommitAsync(RegionDecision decision)
    {
        if (decision.Next is { } next)
        {
            await WriteAsync(next);
        }

        var region = State.IsDefined ? Snapshot() : null;
        var allowed = decision.AllowedTargets is null ? default : decision.AllowedTargets.ToImmutableArray();
        return new RegionResult(decision.Outcome, region, decision.Detail, allowed);
    }

    private async Task WriteAsync(RegionState next)
    {
        var previous = store.State;
        store.State = next;
        try
        {
            await store.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // Whether the write reached storage is unknown (it may have committed before a timeout),
            // so neither the old nor the new state can be trusted here: restore the old one for any
            // interleaved reader, and let the next activation read the truth from storage.
            store.State = previous;
            DeactivateOnIdle();
            LogWriteFailed(exception, this.GetPrimaryKeyString());
            Activity.Current.SetFault(exception);
            throw;
        }

        _snapshot = null;

        // Staleness counts from the acknowledgement, not from when the change was decided: time spent
        // waiting for storage is the write's latency, not the footprint's.
        _publisher!.Publish(Snapshot(), time.GetUtcNow());
        ScheduleExpiry();
        metrics.Track(Snapshot());
    }

    private async Task ExpireDueAsync()
    {
        // The cached next expiry keeps every call, reads included, from scanning the reservations.
        if (_nextExpiry is { } due && due <= time.GetUtcNow() && _rules.Expire(State, time.GetUtcNow()) is { } next)
        {
            using var activity = DomainActivities.StartRegion(DomainActivities.Names.Expire, this);
            await WriteAsync(next);
        }
    }

    private void ScheduleExpiry()
    {
        var due = RegionRules.NextExpiry(State);
        if (due == _nextExpiry && (due is null || _expiryTimer is not null))
        {
            return;
        }

        _nextExpiry = due;
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        if (due is null)
        {
            return;
        }

        var delay = due.Value - time.GetUtcNow();
        _expiryTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.ExpireDueAsync(),
            this,
            new GrainTimerCreationOptions
            {
                DueTime = delay < TimeSpan.Zero ? TimeSpan.Zero : delay,
                Period = Timeout.InfiniteTimeSpan,
                KeepAlive = true,
            });
    }

    private RegionSnapshot Snapshot() => _snapshot ??= new RegionSnapshot(
        this.GetPrimaryKeyString(),
        State.Definition!,
        State.Status,
        State.Capacity,
        State.Reservations.Count,
        State.Version,
        State.UpdatedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RegionId} moved to {Status}: {Reason}")]
    private partial void LogStatusChanged(string regionId, RegionStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the state of {RegionId} failed; the change was not acknowledged")]
    private partial void LogWriteFailed(Exception exception, string regionId);
}
