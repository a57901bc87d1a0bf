namespace RegionGrains.Abstractions.Footprint;

/// <summary>Sum of one resource over many regions.</summary>
/// <param name="Total">Installed amount.</param>
/// <param name="Reserved">Amount held by reservations.</param>
/// <param name="Usable">What the pools' policies allow to allocate (held-back amounts out, overcommit in).</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ResourceTotals")]
public sealed record ResourceTotals(
    [property: Id(0)] long Total,
    [property: Id(1)] long Reserved,
    [property: Id(2)] long Usable)
{
    /// <summary>Usable minus reserved.</summary>
    public long Available => Usable - Reserved;

    /// <summary>Reserved over usable, 0 when nothing is usable.</summary>
    public double Utilization => Usable == 0 ? 0 : (double)Reserved / Usable;
}
