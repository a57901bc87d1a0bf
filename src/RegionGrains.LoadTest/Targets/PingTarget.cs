namespace RegionGrains.LoadTest.Targets;

/// <summary>The grain baseline: the same keys and concurrency, but each call is an empty ping.</summary>
public sealed class PingTarget(IGrainFactory grains, RegionSet regions) : ILoadTarget
{
    private readonly GrainReferences<IPingGrain> _grains = new(grains, regions);

    public string Name => "ping-grain";

    public async ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken)
    {
        await _grains[key].PingAsync();
        return null;
    }
}
