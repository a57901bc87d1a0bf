using RegionGrains.Grains.Regions;

namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>
/// <see cref="JournaledRegionGrain"/>'s state. <c>JournaledGrain</c> applies an event by changing its state object in
/// place, and <see cref="RegionState"/> is immutable, so the view holds the current one and is given the next.
/// </summary>
[GenerateSerializer, Alias("RegionGrains.Benchmarks.RegionView")]
public sealed class RegionView
{
    [Id(0)] public RegionState Current { get; set; } = RegionState.Empty;
}
