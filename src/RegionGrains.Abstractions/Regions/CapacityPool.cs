namespace RegionGrains.Abstractions.Regions;

/// <summary>One named resource pool of a region.</summary>
/// <param name="Total">Installed amount.</param>
/// <param name="Reserved">Amount held by reservations; never above <see cref="Usable"/>.</param>
/// <param name="Policy">How the pool is allocated; null is <see cref="PoolPolicy.Default"/> (pools stored before policies existed read so).</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.CapacityPool")]
public sealed record CapacityPool(
    [property: Id(0)] long Total,
    [property: Id(1)] long Reserved,
    [property: Id(2)] PoolPolicy? Policy = null)
{
    /// <summary>The allocation policy in force.</summary>
    public PoolPolicy Rules => Policy ?? PoolPolicy.Default;

    /// <summary>What may be allocated: floor((total − heldBack) × overcommit).</summary>
    public long Usable => Rules.Usable(Total);

    /// <summary>What is left to reserve: usable minus reserved.</summary>
    public long Available => Usable - Reserved;
}
