namespace RegionGrains.Grains.Regions;

/// <summary>Tunables of the region grains, bound from <c>RegionGrains:Regions</c>.</summary>
public sealed class RegionGrainOptions
{
    public const string Section = "RegionGrains:Regions";

    /// <summary>Released or expired reservation ids remembered per region for idempotency.</summary>
    public int FinishedReservationMemory { get; set; } = 1_000;
}
