using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Targets;

/// <summary>The mix as Orleans calls on <see cref="IRegionGrain"/>.</summary>
public sealed class GrainRegionTarget(IGrainFactory grains, RegionSet regions) : ILoadTarget
{
    private readonly GrainReferences<IRegionGrain> _grains = new(grains, regions);

    public string Name => "region-grain";

    public async ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken)
    {
        var grain = _grains[key];
        switch (kind)
        {
            case OperationKind.Read:
                return await grain.GetAsync() is null ? nameof(RegionOutcome.NotFound) : null;
            case OperationKind.Reserve:
                var (sequence, id) = regions.NextReservation();
                var request = new ReservationRequest(id, RegionSet.ReserveResource, random.Next(1, 4));
                var reserved = await grain.ReserveAsync(request);
                if (!reserved.Succeeded)
                {
                    return reserved.Outcome.ToString();
                }

                regions.Acknowledged.Enqueue(new AcknowledgedReservation(key, (int)request.Amount, sequence));
                return null;
            case OperationKind.Status:
                return Refusal(await grain.ChangeStatusAsync(regions.NextStatus(key), "load test"));
            case OperationKind.Capacity:
                return Refusal(await grain.SetCapacityAsync(RegionSet.CapacityResource, RegionSet.InitialTotal + random.Next(1, 1_000)));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static string? Refusal(RegionResult result) => result.Succeeded ? null : result.Outcome.ToString();
}
