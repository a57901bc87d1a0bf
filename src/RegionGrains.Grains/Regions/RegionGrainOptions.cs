namespace RegionGrains.Grains.Regions;

/// <summary>Tunables of the region grains, bound from <c>RegionGrains:Regions</c>.</summary>
public sealed class RegionGrainOptions
{
    public const string Section = "RegionGrains:Regions";

    /// <summary>Released or expired reservation ids remembered per region for idempotency.</summary>
    public int FinishedReservationMemory { get; set; } = 1_000;

    /// <summary>
    /// Ended reservations kept whole per region (newest first), so that their final state can be read and listed;
    /// at most <see cref="FinishedReservationMemory"/>. Their ids are remembered longer, for idempotency.
    /// </summary>
    public int EndedReservationMemory { get; set; } = 100;

    /// <summary>
    /// How often a region asks a consumer again for the decision on a prepared change once its lease is up, until the
    /// decision arrives.
    /// </summary>
    public TimeSpan DecisionRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a region holds its part of a change across regions before asking the coordinating consumer for the
    /// decision: the bound on how long a crashed change keeps its extra amounts held.
    /// </summary>
    public TimeSpan ChangeLease { get; set; } = TimeSpan.FromSeconds(10);
}
