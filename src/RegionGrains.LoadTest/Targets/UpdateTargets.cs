using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Targets;

/// <summary>
/// A region update as the coordinator scenario sends it: set a pool's total to a new value (a durable write that
/// changes the footprint). With <paramref name="naive"/>, the update also calls the naive coordinator and waits
/// for it, which is the whole difference between the two designs.
/// </summary>
public sealed class UpdateTarget(IGrainFactory grains, RegionSet regions, INaiveFootprintGrain? naive) : ILoadTarget
{
    private readonly GrainReferences<IRegionGrain> _grains = new(grains, regions);
    private int _sequence;

    public string Name => naive is null ? "staged-aggregation" : "naive-coordinator";

    public async ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken)
    {
        // Consecutive values, so every update changes the pool and is written.
        var total = RegionSet.InitialTotal + Interlocked.Increment(ref _sequence);
        var result = await _grains[key].SetCapacityAsync(RegionSet.CapacityResource, total);
        if (!result.Succeeded)
        {
            return result.Outcome.ToString();
        }

        if (naive is not null)
        {
            await naive.ApplyAsync(result.Region!);
        }

        return null;
    }
}
