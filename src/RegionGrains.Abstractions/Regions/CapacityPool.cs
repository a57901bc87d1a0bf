namespace RegionGrains.Abstractions.Regions;

/// <summary>One named resource pool of a region.</summary>
/// <param name="Total">Installed amount.</param>
/// <param name="Reserved">Amount held by reservations; never above <paramref name="Total"/>.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.CapacityPool")]
public sealed record CapacityPool(
    [property: Id(0)] long Total,
    [property: Id(1)] long Reserved)
{
    /// <summary>What is left to reserve.</summary>
    public long Available => Total - Reserved;
}
