namespace RegionGrains.Grains.Footprint;

/// <summary>
/// One partition activation's handle on its member stream: appends carry only the regions that joined, so a write
/// costs the same whatever the partition holds.
/// </summary>
/// <remarks>
/// A snapshot of the whole list is due once the ids appended since the last one reach the ids in it (and at least
/// <see cref="PartitionMemberJournal.CompactAfter"/>). The list doubles between snapshots, so all snapshots together
/// write about twice the final list, a constant per region, and a read replays at most about twice the list.
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

    /// <summary>Appends <paramref name="joining"/>; completes once they are durable.</summary>
    /// <exception cref="RegionGrains.Journal.JournalConflictException">Another activation of the partition appended first.</exception>
    public async Task AppendAsync(IReadOnlyCollection<string> joining, CancellationToken cancellationToken = default)
    {
        await _journal.AppendAsync(_stream, _head, joining, cancellationToken);
        _head++;
        _sinceSnapshot += joining.Count;
    }

    /// <summary>Stores <paramref name="members"/> (every member, the last append included) as the snapshot and drops the records it covers.</summary>
    public async Task SnapshotAsync(IReadOnlyCollection<string> members, CancellationToken cancellationToken = default)
    {
        await _journal.SnapshotAsync(_stream, _head, members, cancellationToken);
        _snapshotted = members.Count;
        _sinceSnapshot = 0;
    }
}
