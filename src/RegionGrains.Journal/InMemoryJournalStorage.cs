using System.Collections.Concurrent;

namespace RegionGrains.Journal;

/// <summary>
/// Journal streams kept in this process only: for tests and for load-test runs that take the disk out of the
/// write path. Same semantics as the durable providers (version check, snapshots, retention), minus durability.
/// </summary>
public sealed class InMemoryJournalStorage : IJournalStorage
{
    private readonly ConcurrentDictionary<string, Stream> _streams = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<JournalStream> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        if (!_streams.TryGetValue(stream, out var s))
        {
            return Task.FromResult(JournalStream.Empty);
        }

        lock (s)
        {
            var from = s.Snapshot?.Version ?? 0;
            return Task.FromResult(new JournalStream(s.Snapshot, s.Records.Where(r => r.Version > from).ToArray()));
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        JournalRecords.EnsureConsecutive(stream, expectedHead, records);
        var s = _streams.GetOrAdd(stream, static _ => new Stream());
        lock (s)
        {
            if (s.Head != expectedHead)
            {
                throw JournalConflictException.For(stream, expectedHead, s.Head);
            }

            s.Records.AddRange(records);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(string stream, JournalSnapshot snapshot, long keepFromVersion, CancellationToken cancellationToken = default)
    {
        var s = _streams.GetOrAdd(stream, static _ => new Stream());
        lock (s)
        {
            if (s.Snapshot is null || s.Snapshot.Version < snapshot.Version)
            {
                s.Snapshot = snapshot;
            }

            var keepFrom = Math.Min(keepFromVersion, s.Snapshot.Version + 1);
            s.Records.RemoveAll(r => r.Version < keepFrom);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> InitializeAsync(string stream, JournalSnapshot snapshot, IReadOnlyList<JournalRecord> history, CancellationToken cancellationToken = default)
    {
        var s = _streams.GetOrAdd(stream, static _ => new Stream());
        lock (s)
        {
            if (s.Head != 0)
            {
                return Task.FromResult(false);
            }

            s.Snapshot = snapshot;
            s.Records.AddRange(history.OrderBy(r => r.Version));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<long> ReadHeadAsync(string stream, CancellationToken cancellationToken = default) => Task.FromResult(HeadOf(stream));

    /// <inheritdoc />
    public Task<long[]> ReadHeadsAsync(IReadOnlyList<string> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var heads = new long[streams.Count];
        for (var i = 0; i < heads.Length; i++)
        {
            heads[i] = HeadOf(streams[i]);
        }

        return Task.FromResult(heads);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadBackwardAsync(string stream, long before, int limit, CancellationToken cancellationToken = default)
    {
        if (!_streams.TryGetValue(stream, out var s))
        {
            return Task.FromResult<IReadOnlyList<JournalRecord>>([]);
        }

        lock (s)
        {
            return Task.FromResult<IReadOnlyList<JournalRecord>>(
                s.Records.Where(r => r.Version < before).OrderByDescending(r => r.Version).Take(limit).ToArray());
        }
    }

    private long HeadOf(string stream)
    {
        if (!_streams.TryGetValue(stream, out var s))
        {
            return 0;
        }

        lock (s)
        {
            return s.Head;
        }
    }

    private sealed class Stream
    {
        public List<JournalRecord> Records { get; } = [];

        public JournalSnapshot? Snapshot { get; set; }

        public long Head => Math.Max(Records.Count > 0 ? Records[^1].Version : 0, Snapshot?.Version ?? 0);
    }
}
