namespace RegionGrains.Grains.Regions.Journal;

/// <summary>How region journals are compacted, bound from <c>RegionGrains:Regions:Journal</c>.</summary>
public sealed class RegionJournalOptions
{
    public const string Section = "RegionGrains:Regions:Journal";

    /// <summary>
    /// A region writes a snapshot after this many changes, so an activation replays at most about this many
    /// records. Higher means fewer snapshot bytes per change and longer activations.
    /// </summary>
    public int SnapshotEvery { get; set; } = 256;

    /// <summary>History events kept per region (older records are dropped when a snapshot is written).</summary>
    public int HistoryRetained { get; set; } = 1_000;

    /// <summary>
    /// FAULT INJECTION FOR TESTS ONLY, never to be set outside them: appends ignore the head the activation expects
    /// and go on top of whatever the stream holds, so a stale or second activation of a region overwrites the
    /// other's decisions instead of being refused. It exists so that the history checker
    /// (tests/RegionGrains.Consistency.Tests) can show that it catches what the journal's version check prevents.
    /// </summary>
    public bool UnfencedAppendsForFaultInjection { get; set; }
}
