using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Baselines;

/// <summary>
/// The naive design the coordinator scenario compares against: one grain that every region update calls
/// and awaits. Exists only in the load tester.
/// </summary>
[Alias("RegionGrains.LoadTest.INaiveFootprintGrain")]
public interface INaiveFootprintGrain : IGrainWithStringKey
{
    /// <summary>Takes a region's new snapshot into the sums; older versions are ignored.</summary>
    [Alias("Apply")]
    Task ApplyAsync(RegionSnapshot snapshot);

    /// <summary>The footprint over every snapshot applied.</summary>
    [Alias("Get")]
    Task<GlobalFootprint> GetAsync();
}
