using Orleans.Serialization;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Webhooks;

/// <summary>
/// One value kept whole in a journal stream: every save appends the new value, fenced by the stream's head (a second
/// activation cannot write over the first), and every few saves a snapshot drops the older ones.
/// </summary>
internal sealed class JournalCell<T>(IJournalStorage journal, Serializer serializer, string stream)
    where T : class
{
    private const int SnapshotEvery = 32;

    private long _head;

    public async Task<T?> LoadAsync(CancellationToken cancellationToken)
    {
        var read = await journal.ReadAsync(stream, cancellationToken);
        _head = read.Head;
        var payload = read.Records.Count > 0 ? read.Records[^1].Payload : read.Snapshot is { } snapshot ? snapshot.Payload : null;
        return payload is null ? null : serializer.Deserialize<T>(payload);
    }

    /// <summary>Completes once <paramref name="value"/> is durable.</summary>
    /// <exception cref="JournalConflictException">Another activation saved first.</exception>
    public async Task SaveAsync(T value)
    {
        var next = _head + 1;
        var payload = serializer.SerializeToArray(value);
        await journal.AppendAsync(stream, _head, [new JournalRecord(next, payload)]);
        _head = next;
        if (next % SnapshotEvery == 0)
        {
            await journal.WriteSnapshotAsync(stream, new JournalSnapshot(next, payload), keepFromVersion: next);
        }
    }
}
