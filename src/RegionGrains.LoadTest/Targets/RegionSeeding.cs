using System.Diagnostics;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Targets;

/// <summary>Creates a run's regions through the grains, Online with their initial pools, before any load.</summary>
public static class RegionSeeding
{
    private const int Concurrency = 256;

    /// <summary>Seeds every region (one durable write each); returns regions created per second.</summary>
    public static async Task<double> SeedAsync(IGrainFactory grains, RegionSet regions, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, regions.Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var result = await grains.GetGrain<IRegionGrain>(regions.Ids[i]).SeedAsync(RegionSet.DefinitionOf(i), RegionStatus.Online, RegionSet.InitialCapacity);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Creating region {regions.Ids[i]} was refused: {result.Outcome} {result.Detail}");
            }
        });
        return regions.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
