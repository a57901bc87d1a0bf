using RegionGrains.Abstractions.Footprint;

namespace RegionGrains.Grains.Footprint;

/// <summary>The coordinator's side facing the partitions; the same activation as <see cref="IFootprintGrain"/>.</summary>
[Alias("RegionGrains.IFootprintCoordinatorGrain")]
public interface IFootprintCoordinatorGrain : IFootprintGrain
{
    /// <summary>Replaces the partition's contribution.</summary>
    [Alias("Apply")]
    Task ApplyAsync(PartitionAggregate aggregate);
}
