using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// One partition activation's handle on its member stream: an append carries only the snapshots that changed since the
/// last one, so a write costs the same whatever the partition holds.
/// </summary>
/// <remarks>
/// A snapshot of the whole map is due once the entries appended since the last one reach the entries in it (and at
/// least <see cref="PartitionMemberJournal.CompactAfter"/>). The map at most doubles between snapshots, so all
/// snapshots together write about twice what the records did, and a read replays at most about twice the map.
/// Not thread-safe: the partition writes one batch at a time.
/// </remarks>
internal sealed class PartitionMemberLog
{
    private readonly PartitionMemberJournal _journal;
    private readonly string _stream;
    private long _head;
    private int _snapshotted;
    private int _sinceSnapshot;

    internal PartitionMemberLog(PartitionMemberJournal journal, string stream, long head, int snapshotted, int sinceSnapshot)
    {
        _journal = journal;
        _stream = stream;
        _head = head;
        _snapshotted = snapshotted;
        _sinceSnapshot = sinceSnapshot;
    }

    /// <summary>True when <see cref="SnapshotAsync"/> should run after the last append.</summary>
    public bool SnapshotDue => _sinceSnapshot >= Math.Max(PartitionMemberJournal.CompactAfter, _snapshotted);

    /// <summary>Appends <paramref name="changed"/>, new members and members' newer snapshots alike; completes once they are durable.</summary>
    /// <exception cref="RegionGrains.Journal.JournalConflictException">Another activation of the partition appended first.</exception>
    public async Task AppendAsync(IReadOnlyCollection<RegionSnapshot> changed, CancellationToken cancellationToken = default)
    {
        await _journal.AppendAsync(_stream, _head, new PartitionMembers { Snapshots = [.. changed] }, cancellationToken);
        _head++;
        _sinceSnapshot += changed.Count;
    }

    /// <summary>
    /// Stores every member (the last append included) as the snapshot, <paramref name="snapshots"/> and the ids of
    /// members without one, and drops the records it covers.
    /// </summary>
    public async Task SnapshotAsync(IReadOnlyCollection<RegionSnapshot> snapshots, IReadOnlyCollection<string> withoutSnapshot, CancellationToken cancellationToken = default)
    {
        await _journal.SnapshotAsync(_stream, _head, new PartitionMembers { Regions = [.. withoutSnapshot], Snapshots = [.. snapshots] }, cancellationToken);
        _snapshotted = snapshots.Count + withoutSnapshot.Count;
        _sinceSnapshot = 0;
    }
}
