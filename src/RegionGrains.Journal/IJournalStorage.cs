namespace RegionGrains.Journal;

/// <summary>
/// Durable, append-only streams of versioned records, one stream per region, with snapshots for compaction.
/// </summary>
/// <remarks>
/// A stream's records carry consecutive versions starting at 1. Its head is the highest version stored, in a
/// record or a snapshot. Every operation is atomic: after a crash a stream holds all of an append or none of it.
/// An implementation completes <see cref="AppendAsync"/> only once the records are durable, and refuses an append
/// whose expected version is not the head, which keeps a second activation of the same region from writing.
/// </remarks>
public interface IJournalStorage
{
    /// <summary>The newest snapshot of <paramref name="stream"/>, if any, and every record after it, oldest first.</summary>
    Task<JournalStream> ReadAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="records"/>, whose versions must run consecutively from <paramref name="expectedHead"/> + 1.
    /// </summary>
    /// <exception cref="JournalConflictException">The stream's head is not <paramref name="expectedHead"/>; nothing was written.</exception>
    Task AppendAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="snapshot"/> unless a newer one is stored, and drops records older than
    /// <paramref name="keepFromVersion"/> (never records newer than the snapshot).
    /// </summary>
    Task WriteSnapshotAsync(string stream, JournalSnapshot snapshot, long keepFromVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts an empty stream from a snapshot and the records that led to it (e.g. history imported from an older
    /// format). Returns false, writing nothing, when the stream already holds anything.
    /// </summary>
    Task<bool> InitializeAsync(string stream, JournalSnapshot snapshot, IReadOnlyList<JournalRecord> history, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stream's head as stored now (0 for an empty stream): one small read, which lets an activation confirm that
    /// no other activation has appended since it loaded, before it answers a read from memory.
    /// </summary>
    Task<long> ReadHeadAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// The heads of <paramref name="streams"/> as stored now, in the same order (0 for an empty stream): what
    /// <see cref="ReadHeadAsync"/> answers for each, in a few queries for the whole list rather than one per stream, so
    /// that a footprint partition can check a million regions against what it holds without activating them.
    /// </summary>
    Task<long[]> ReadHeadsAsync(IReadOnlyList<string> streams, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> records with versions below <paramref name="before"/>, newest first.</summary>
    Task<IReadOnlyList<JournalRecord>> ReadBackwardAsync(string stream, long before, int limit, CancellationToken cancellationToken = default);
}
