using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Placement;

/// <summary>
/// Places one order. Each region it asks is journaled before the call (<see cref="PlacementStepKind.Trying"/>) and its
/// answer after, so that after a crash the one region that may hold the order without a record of it is known: the
/// next call asks that region again first (a region answers a replayed reservation id with the reservation it holds),
/// and only then any other. An order is therefore never held in two regions by this grain, and a region that holds
/// it is found again by every replay.
/// </summary>
/// <remarks>
/// A call to a region that fails (its silo lost, a timeout) ends the attempt with the fault: whether the region holds
/// the order is unknown, and asking the next candidate could hold it twice. The caller retries the same id, which
/// resolves the pending region first.
/// </remarks>
internal sealed class PlacedReservationGrain(
    [FromKeyedServices(StorageNames.Placement)] IJournalStorage journal,
    Serializer serializer) : Grain, IPlacedReservationGrain
{
    private PlacementState _state = PlacementState.Empty;

    /// <summary>The journal stream of a placement; the '/' keeps it apart from every region's stream.</summary>
    public static string StreamOf(string reservationId) => $"placement/{reservationId}";

    private string ReservationId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = await journal.ReadAsync(StreamOf(ReservationId), cancellationToken);
        foreach (var record in stream.Records)
        {
            _state = _state.Apply(serializer.Deserialize<PlacementStep>(record.Payload) ?? throw new InvalidDataException("A placement record decoded to nothing."));
        }
    }

    public async Task<PlacementResult> PlaceAsync(PlacementRequest request, bool dryRun = false)
    {
        if (request.ReservationId != ReservationId)
        {
            return Refused(RegionOutcome.Invalid, $"The request's reservation id is not '{ReservationId}'.");
        }

        if (_state.Request is { } original && !original.Matches(request))
        {
            return Refused(RegionOutcome.ReservationIdReused, $"Reservation id '{ReservationId}' was placed before with another body.");
        }

        if (_state is { HeldIn: { } heldIn, Reservation: { } reservation })
        {
            // Answered as the region answers the id: the reservation while it is held, refused once it has ended (a
            // read, so that a replay can never hold capacity again after a release).
            var held = await GrainFactory.GetGrain<IRegionGrain>(heldIn).GetReservationAsync(ReservationId);
            return held is not null && held.CreatedAt == reservation.CreatedAt
                ? new PlacementResult(RegionOutcome.Replayed, heldIn, held, _state.Tried)
                : new PlacementResult(
                    RegionOutcome.ReservationIdReused,
                    heldIn,
                    null,
                    _state.Tried,
                    $"Reservation id '{ReservationId}' was placed in '{heldIn}' and has been released or has expired there.");
        }

        var order = ReservationRequest.ForResources(ReservationId, request.Query.Resources, request.TtlSeconds, request.Consumer, request.Project);
        if (!dryRun && _state.Pending is { } pending && await AskAsync(pending, order, dryRun) is { } resolved)
        {
            return resolved;
        }

        if (!dryRun)
        {
            await AppendAsync(new PlacementStep(PlacementStepKind.Attempt, request));
        }

        // Each attempt asks the candidates afresh (a real one journals Attempt, which clears the last attempt's
        // refusals), so a dry run asks exactly the regions the attempt it rehearses would.
        var answer = await GrainFactory.GetGrain<IPlacementGrain>(IPlacementGrain.Key).FindAsync(request.Query);
        var refusals = ImmutableArray.CreateBuilder<PlacementAttempt>();
        foreach (var candidate in answer.Candidates)
        {
            if (await AskAsync(candidate.RegionId, order, dryRun, refusals) is { } placed)
            {
                return placed;
            }
        }

        return new PlacementResult(
            RegionOutcome.NoCandidate,
            null,
            null,
            refusals.ToImmutable(),
            refusals.Count == 0
                ? "No region can take the whole order now."
                : $"No region took the whole order; {refusals.Count} candidate(s) refused.");
    }

    /// <summary>Asks one region to hold the order; the result when it does, null (and the refusal noted) when it does not.</summary>
    private async Task<PlacementResult?> AskAsync(string regionId, ReservationRequest order, bool dryRun, ImmutableArray<PlacementAttempt>.Builder? refusals = null)
    {
        if (!dryRun)
        {
            await AppendAsync(new PlacementStep(PlacementStepKind.Trying, RegionId: regionId));
        }

        var result = await GrainFactory.GetGrain<IRegionGrain>(regionId).ReserveAsync(order, dryRun: dryRun);
        if (result.Succeeded)
        {
            if (!dryRun)
            {
                await AppendAsync(new PlacementStep(PlacementStepKind.Held, RegionId: regionId, Reservation: result.Reservation));
            }

            return new PlacementResult(RegionOutcome.Created, regionId, result.Reservation, refusals?.ToImmutable() ?? _state.Tried);
        }

        var reason = $"{result.Outcome}: {result.Detail}";
        if (!dryRun)
        {
            await AppendAsync(new PlacementStep(PlacementStepKind.Refused, RegionId: regionId, Reason: reason));
        }

        refusals?.Add(new PlacementAttempt(regionId, reason));
        return null;
    }

    private async Task AppendAsync(PlacementStep step)
    {
        var version = _state.Version + 1;
        try
        {
            await journal.AppendAsync(StreamOf(ReservationId), _state.Version, [new JournalRecord(version, serializer.SerializeToArray(step))]);
        }
        catch
        {
            // Whether the step is stored is unknown: start the next call from what the journal holds.
            DeactivateOnIdle();
            throw;
        }

        _state = _state.Apply(step);
    }

    private static PlacementResult Refused(RegionOutcome outcome, string detail) => new(outcome, null, null, [], detail);
}
