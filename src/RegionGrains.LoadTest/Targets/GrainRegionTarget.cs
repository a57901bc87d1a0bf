using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Targets;

/// <summary>The mix as Orleans calls on the region grains, and on the placement, consumer and footprint grains.</summary>
public sealed class GrainRegionTarget(IGrainFactory grains, RegionSet regions) : ILoadTarget
{
    private readonly GrainReferences<IRegionGrain> _grains = new(grains, regions);
    private readonly GrainReferences<IConsumerGrain> _consumers = new(grains, regions.Consumers.Names);
    private readonly IPlacementGrain _placement = grains.GetGrain<IPlacementGrain>(IPlacementGrain.Key);
    private readonly IFootprintGrain _footprint = grains.GetGrain<IFootprintGrain>(IFootprintGrain.Key);

    public string Name => "region-grain";

    public async ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken)
    {
        var grain = _grains[key];
        switch (kind)
        {
            case OperationKind.Read:
                return await grain.GetAsync() is null ? nameof(RegionOutcome.NotFound) : null;
            case OperationKind.Reserve:
            {
                var (sequence, id) = regions.NextReservation();
                var request = new ReservationRequest(id, RegionSet.ReserveResource, random.Next(1, 4));
                var reserved = await grain.ReserveAsync(request);
                if (!reserved.Succeeded)
                {
                    return reserved.Outcome.ToString();
                }

                regions.Acknowledged.Enqueue(new AcknowledgedReservation(key, (int)request.Amount, sequence));
                return null;
            }

            case OperationKind.Release:
            {
                if (!regions.TryTakeForRelease(out var held))
                {
                    return RegionSet.NothingHeld;
                }

                var released = await _grains[held.Key].ReleaseAsync(regions.ReservationIdOf(held.Sequence));
                if (!released.Succeeded)
                {
                    regions.ReturnUnreleased(held);
                }

                return Refusal(released);
            }

            case OperationKind.Status:
                return Refusal(await grain.ChangeStatusAsync(regions.NextStatus(key), "load test"));
            case OperationKind.Capacity:
                return Refusal(await grain.SetCapacityAsync(RegionSet.CapacityResource, RegionSet.InitialTotal + random.Next(1, 1_000)));
            case OperationKind.Place:
                return (await _placement.FindAsync(RunOrders.Placement(random))).Candidates.IsEmpty ? nameof(RegionOutcome.NoCandidate) : null;
            case OperationKind.Reserve2:
            {
                var (sequence, id) = regions.NextReservation();
                var holds = RunOrders.BothPools(random);
                regions.MarkProjectHold(key);
                var reserved = await grain.ReserveAsync(ReservationRequest.ForResources(id, holds, project: regions.Project));
                if (!reserved.Succeeded)
                {
                    return reserved.Outcome.ToString();
                }

                regions.AcknowledgedPairs.Enqueue(new AcknowledgedPair(key, (int)holds[RegionSet.ReserveResource], (int)holds[RegionSet.CapacityResource], sequence));
                return null;
            }

            case OperationKind.ReserveAhead:
            {
                var (startsAt, endsAt) = RunOrders.Ahead(random, DateTimeOffset.UtcNow);
                var request = new ReservationRequest(regions.NextReservation().Id, RegionSet.ReserveResource, random.Next(1, 4), StartsAt: startsAt, EndsAt: endsAt);
                var booked = await grain.ReserveAsync(request);
                return booked.Succeeded ? null : booked.Outcome.ToString();
            }

            case OperationKind.Claim or OperationKind.Claim2 or OperationKind.Claim3:
                return await ClaimAsync(RunOrders.Claim(regions, kind, key, random));
            case OperationKind.Footprint:
                await _footprint.GetAsync();
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private async Task<string?> ClaimAsync(ClaimDraw claim)
    {
        var ledger = regions.Consumers[claim.Consumer];
        ConsumerResult result;
        try
        {
            result = await _consumers[claim.Consumer].ClaimAsync(new ClaimRequest(claim.ClaimId, claim.Allocations.Map, Project: regions.Project));
        }
        catch
        {
            // The claim may or may not have taken effect: the check after the run accepts either.
            ledger.MarkUnsure(claim.Allocations);
            throw;
        }

        if (!result.Succeeded)
        {
            return result.Outcome.ToString();
        }

        ledger.Acknowledge(result.Version, claim.Allocations);
        return null;
    }

    private static string? Refusal(RegionResult result) => result.Succeeded ? null : result.Outcome.ToString();
}
