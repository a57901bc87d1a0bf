using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Telemetry;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Consumers;

/// <summary>
/// Coordinates a consumer's changes across regions with two-phase commit over holds each region journals:
/// <list type="number">
/// <item>the change is journaled here (Began) before any region hears of it;</item>
/// <item>every region prepares its part: it holds the larger of the old and new amounts, acknowledging nothing;</item>
/// <item>the decision is journaled here (Decided: commit only if every region prepared) before any region hears it;</item>
/// <item>every region applies it, and the change Ends.</item>
/// </list>
/// The caller is answered once the decision is durable. After a crash anywhere the change converges by itself: a change
/// found undecided is aborted (its caller was never answered), and a decision is sent again until every region has it —
/// at the next call here, or when a region whose lease is up asks (<see cref="ResolveAsync"/>). The journal's version
/// check fences a second activation: only one can append.
/// </summary>
internal sealed partial class ConsumerGrain(
    [FromKeyedServices(StorageNames.Consumers)] IJournalStorage journal,
    Serializer serializer,
    IOptions<RegionGrainOptions> options,
    ILogger<ConsumerGrain> logger) : Grain, IConsumerGrain
{
    private const int SnapshotEvery = 100;

    private ConsumerState _state = ConsumerState.Empty;
    private IGrainTimer? _retry;

    /// <summary>The journal stream of a consumer; the '/' keeps it apart from every region's stream.</summary>
    public static string StreamOf(string consumer) => $"consumer/{consumer}";

    private string Consumer => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = await journal.ReadAsync(StreamOf(Consumer), cancellationToken);
        _state = stream.Snapshot is { } snapshot ? Decode<ConsumerState>(snapshot.Payload) : ConsumerState.Empty;
        foreach (var record in stream.Records)
        {
            _state = _state.Apply(Decode<ConsumerStep>(record.Payload));
        }

        // A change left in flight by a crash is completed without waiting for the next call: its regions may hold
        // nothing that would make them ask (none prepared, or all of them already applied the decision).
        RetryWhileInFlight();
    }

    public async Task<ConsumerView> GetAsync()
    {
        var directory = GrainFactory.GetGrain<IRegionDirectoryGrain>(IRegionDirectoryGrain.Key);
        var (holdings, asOf) = await directory.FindHoldingsAsync(Consumer);
        return new ConsumerView(Consumer, _state.Version, _state.Allocations, holdings, asOf, _state.InFlight is not null);
    }

    public async Task<ConsumerResult> ClaimAsync(ClaimRequest request, long? expectedVersion = null, bool dryRun = false)
    {
        using var activity = DomainActivities.StartConsumer(DomainActivities.Names.Claim, this);
        await FinishInFlightAsync();
        var key = "claim:" + request.ClaimId;
        if (_state.Done.TryGetValue(key, out var done))
        {
            return done.Claim is { } original && original.Matches(request)
                ? _state.Replay()
                : Refused(RegionOutcome.ReservationIdReused, $"Claim id '{request.ClaimId}' was used before for other allocations.");
        }

        if (expectedVersion is { } expected && expected != _state.Version)
        {
            return Refused(RegionOutcome.VersionMismatch, $"The consumer is at version {_state.Version}, not {expected}.");
        }

        var txId = Guid.NewGuid().ToString("N");
        var reservationId = TentativeChange.ClaimReservationId(Consumer);
        var lease = (int)options.Value.ChangeLease.TotalSeconds;
        var empty = ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal);
        // Every region of the old and the new claims takes part, unchanged ones too: a region's hold may have expired
        // (a claim with a lifetime) since the consumer set it, and "exactly these allocations" must hold it again.
        var parts = _state.Allocations.Keys.Union(request.Allocations.Keys, StringComparer.Ordinal)
            .Select(region => new RegionPart(
                region,
                new TentativeChange(txId, Consumer, reservationId, request.Allocations.GetValueOrDefault(region) ?? empty, lease, request.TtlSeconds, request.Project)))
            .ToImmutableArray();
        var allocations = request.Allocations.Where(p => !p.Value.IsEmpty).ToImmutableSortedDictionary(StringComparer.Ordinal);
        return await RunAsync(new ConsumerTx(txId, key, request, null, parts, allocations), dryRun);
    }

    public async Task<ConsumerResult> MoveAsync(MoveRequest request, bool dryRun = false)
    {
        using var activity = DomainActivities.StartConsumer(DomainActivities.Names.Move, this);
        await FinishInFlightAsync();
        var key = "move:" + request.MoveId;
        if (_state.Done.TryGetValue(key, out var done))
        {
            return done.Move is { } original && original.Matches(request)
                ? _state.Replay()
                : Refused(RegionOutcome.ReservationIdReused, $"Move id '{request.MoveId}' was used before for another move.");
        }

        if (request.ReservationId.StartsWith(TentativeChange.ClaimPrefix, StringComparison.Ordinal))
        {
            return Refused(RegionOutcome.HeldByClaim, "A claim moves by changing the consumer's allocations, not by a move.");
        }

        var held = await GrainFactory.GetGrain<IRegionGrain>(request.FromRegionId).GetReservationAsync(request.ReservationId);
        if (held is null || held.Consumer != Consumer)
        {
            return Refused(
                RegionOutcome.NotFound,
                held is null
                    ? $"Region '{request.FromRegionId}' holds no reservation '{request.ReservationId}'."
                    : $"Reservation '{request.ReservationId}' in '{request.FromRegionId}' is not {Consumer}'s.");
        }

        var txId = Guid.NewGuid().ToString("N");
        var lease = (int)options.Value.ChangeLease.TotalSeconds;
        var ttl = held.ExpiresAt is { } expires ? (int?)Math.Max(1, (int)Math.Ceiling((expires - DateTimeOffset.UtcNow).TotalSeconds)) : null;
        var parts = ImmutableArray.Create(
            new RegionPart(request.FromRegionId, new TentativeChange(txId, Consumer, request.ReservationId, ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal), lease)),
            new RegionPart(request.ToRegionId, new TentativeChange(txId, Consumer, request.ReservationId, request.Resources ?? held.Holds, lease, ttl, held.Project)));
        return await RunAsync(new ConsumerTx(txId, key, null, request, parts, _state.Allocations), dryRun);
    }

    public async Task ResolveAsync(string txId, string regionId)
    {
        try
        {
            if (_state.InFlight?.TxId == txId)
            {
                await FinishInFlightAsync();
            }
            else
            {
                // Not in flight here: the change ended, or its prepare reached the region after it ended. Either way
                // the region's part can only be let go: aborting releases just the extra amount it still holds.
                await GrainFactory.GetGrain<IRegionGrain>(regionId).CompleteAsync(txId, commit: false);
            }
        }
        catch (Exception exception)
        {
            // The region asks again after its retry interval.
            LogResolveFailed(exception, Consumer, txId, regionId);
        }
    }

    /// <summary>Carries out a change: begin, prepare everywhere, decide, complete everywhere.</summary>
    private async Task<ConsumerResult> RunAsync(ConsumerTx tx, bool dryRun)
    {
        // A change with no region part (releasing claims that hold nothing) still runs through the journal, so that
        // its id is remembered like any other's.
        var committed = new ConsumerResult(RegionOutcome.Ok, _state.Version + 1, tx.Allocations);
        if (dryRun)
        {
            var rehearsed = await Task.WhenAll(tx.Parts.Select(p => Region(p).PrepareAsync(p.Change, dryRun: true)));
            return RefusalOf(tx, rehearsed) ?? committed;
        }

        await AppendAsync(new ConsumerStep { Began = tx });
        ReservationResult[] prepared;
        try
        {
            prepared = await Task.WhenAll(tx.Parts.Select(p => Region(p).PrepareAsync(p.Change)));
        }
        catch
        {
            // A region's answer is unknown: abort (it is safe whatever that region did) and report the fault.
            await AppendAsync(new ConsumerStep { Decided = Refused(RegionOutcome.Invalid, "A region could not be reached.") });
            await TryFinishInFlightAsync();
            throw;
        }

        var decision = RefusalOf(tx, prepared) ?? committed;
        await AppendAsync(new ConsumerStep { Decided = decision });
        await TryFinishInFlightAsync();
        return decision;
    }

    /// <summary>The first region's refusal as the change's answer; null when every region took its part.</summary>
    private ConsumerResult? RefusalOf(ConsumerTx tx, ReservationResult[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i].Outcome is not (RegionOutcome.Ok or RegionOutcome.Replayed))
            {
                var region = tx.Parts[i].RegionId;
                var refusal = new ClaimRefusal(region, answers[i].Outcome, answers[i].Detail, answers[i].Shortfalls);
                return new ConsumerResult(answers[i].Outcome, _state.Version, _state.Allocations, refusal, $"Region '{region}' refused: {answers[i].Detail}");
            }
        }

        return null;
    }

    /// <summary>
    /// Completes the change in flight, if any: decides abort when it was never decided, sends the decision to every
    /// region in it, and ends it. Throws when a region cannot be reached; the change stays in flight until it can.
    /// </summary>
    private async Task FinishInFlightAsync()
    {
        if (_state.InFlight is not { } tx)
        {
            return;
        }

        if (_state.Decision is null)
        {
            await AppendAsync(new ConsumerStep { Decided = Refused(RegionOutcome.Invalid, "The change was interrupted before it was decided; nothing of it took effect.") });
        }

        var commit = _state.Decision!.Succeeded;
        await Task.WhenAll(tx.Parts.Select(p => Region(p).CompleteAsync(tx.TxId, commit)));
        await AppendAsync(new ConsumerStep { Ended = tx.TxId });
    }

    private async Task TryFinishInFlightAsync()
    {
        try
        {
            await FinishInFlightAsync();
        }
        catch (Exception exception)
        {
            // The decision is durable; it is sent again on a timer, and the regions that missed it ask for it when
            // their lease is up.
            LogCompleteFailed(exception, Consumer, _state.InFlight?.TxId);
        }

        RetryWhileInFlight();
    }

    /// <summary>Keeps a timer that completes the change in flight every retry interval until none is.</summary>
    private void RetryWhileInFlight()
    {
        if (_state.InFlight is null)
        {
            _retry?.Dispose();
            _retry = null;
            return;
        }

        _retry ??= this.RegisterGrainTimer(
            static (grain, _) => grain.TryFinishInFlightAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = options.Value.DecisionRetryInterval, KeepAlive = true });
    }

    private async Task AppendAsync(ConsumerStep step)
    {
        var version = _state.Head + 1;
        try
        {
            await journal.AppendAsync(StreamOf(Consumer), _state.Head, [new JournalRecord(version, serializer.SerializeToArray(step))]);
        }
        catch
        {
            // Whether the step is stored is unknown, and on a conflict another activation owns the consumer.
            DeactivateOnIdle();
            throw;
        }

        _state = _state.Apply(step);
        if (_state.Head % SnapshotEvery == 0)
        {
            try
            {
                await journal.WriteSnapshotAsync(StreamOf(Consumer), new JournalSnapshot(_state.Head, serializer.SerializeToArray(_state)), _state.Head + 1);
            }
            catch (Exception exception)
            {
                // The steps are durable; compaction waits for the next round.
                LogSnapshotFailed(exception, Consumer);
            }
        }
    }

    private IRegionGrain Region(RegionPart part) => GrainFactory.GetGrain<IRegionGrain>(part.RegionId);

    private ConsumerResult Refused(RegionOutcome outcome, string detail) => new(outcome, _state.Version, _state.Allocations, null, detail);

    private T Decode<T>(byte[] payload) =>
        serializer.Deserialize<T>(payload) ?? throw new InvalidDataException($"A consumer journal payload decoded to no {typeof(T).Name}.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} could not resolve change {TxId} for region {RegionId}; the region asks again")]
    private partial void LogResolveFailed(Exception exception, string consumer, string txId, string regionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} could not send the decision on change {TxId} to every region; it is sent again when asked")]
    private partial void LogCompleteFailed(Exception exception, string consumer, string? txId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} could not write its snapshot; it is retried later")]
    private partial void LogSnapshotFailed(Exception exception, string consumer);
}
