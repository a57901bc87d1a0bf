namespace RegionGrains.Journal;

/// <summary>What a stream holds: its newest snapshot and the records after it, oldest first.</summary>
/// <param name="Snapshot">The newest snapshot, or null.</param>
/// <param name="Records">Records newer than the snapshot, in version order.</param>
public sealed record JournalStream(JournalSnapshot? Snapshot, IReadOnlyList<JournalRecord> Records)
{
    /// <summary>A stream with nothing in it.</summary>
    public static JournalStream Empty { get; } = new(null, []);

    /// <summary>The highest version held, 0 for an empty stream.</summary>
    public long Head => Records.Count > 0 ? Records[^1].Version : Snapshot?.Version ?? 0;
}
