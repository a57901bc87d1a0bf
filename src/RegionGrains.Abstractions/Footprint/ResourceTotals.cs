namespace RegionGrains.Abstractions.Footprint;

/// <summary>Sum of one resource over many regions.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.ResourceTotals")]
public sealed record ResourceTotals(
    [property: Id(0)] long Total,
    [property: Id(1)] long Reserved)
{
    /// <summary>Total minus reserved.</summary>
    public long Available => Total - Reserved;

    /// <summary>Reserved over total, 0 when there is no total.</summary>
    public double Utilization => Total == 0 ? 0 : (double)Reserved / Total;
}
