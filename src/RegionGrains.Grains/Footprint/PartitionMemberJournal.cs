using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// Where footprint partitions keep which regions they hold: one journal stream per partition, each record the
/// regions that joined in one write. One per silo; each partition activation opens its own
/// <see cref="PartitionMemberLog"/>.
/// </summary>
/// <remarks>
/// The journal is the one registered under <see cref="StorageNames.Footprint"/>, by default the regions' own
/// (see <see cref="RegionGrainsServiceCollectionExtensions"/>); stream names contain a '/', which no region id
/// does, so they never meet a region's stream.
/// </remarks>
internal sealed class PartitionMemberJournal(
    [FromKeyedServices(StorageNames.Footprint)] IJournalStorage storage,
    Serializer serializer)
{
    /// <summary>Ids appended since the last snapshot before a new one is considered, whatever the partition's size.</summary>
    public const int CompactAfter = 4_096;

    /// <summary>The journal stream of <paramref name="partition"/>.</summary>
    public static string StreamOf(int partition) => $"footprint/partition/{partition}";

    /// <summary>Reads the members of <paramref name="partition"/>.</summary>
    /// <returns>The log to append to and the members read; a region appended twice (a write retried) is listed once.</returns>
    public async Task<(PartitionMemberLog Log, IReadOnlyCollection<string> Members)> OpenAsync(
        int partition, CancellationToken cancellationToken = default)
    {
        var stream = StreamOf(partition);
        var read = await storage.ReadAsync(stream, cancellationToken);

        var members = new HashSet<string>(StringComparer.Ordinal);
        var snapshotted = 0;
        if (read.Snapshot is { } snapshot)
        {
            members.UnionWith(Decode(snapshot.Payload));
            snapshotted = members.Count;
        }

        var appended = 0;
        foreach (var record in read.Records)
        {
            var joined = Decode(record.Payload);
            members.UnionWith(joined);
            appended += joined.Count;
        }

        return (new PartitionMemberLog(this, stream, read.Head, snapshotted, appended), members);
    }

    /// <summary>Starts the stream of <paramref name="partition"/> from its whole member list (version 1), unless it has one already.</summary>
    internal Task ImportWholeListAsync(int partition, byte[] payload, CancellationToken cancellationToken) =>
        storage.InitializeAsync(StreamOf(partition), new JournalSnapshot(1, Encode(Decode(payload))), [], cancellationToken);

    internal Task AppendAsync(string stream, long expectedHead, IReadOnlyCollection<string> joining, CancellationToken cancellationToken) =>
        storage.AppendAsync(stream, expectedHead, [new JournalRecord(expectedHead + 1, Encode(joining))], cancellationToken);

    internal Task SnapshotAsync(string stream, long version, IReadOnlyCollection<string> members, CancellationToken cancellationToken) =>
        storage.WriteSnapshotAsync(stream, new JournalSnapshot(version, Encode(members)), keepFromVersion: version + 1, cancellationToken);

    private byte[] Encode(IReadOnlyCollection<string> regions) => serializer.SerializeToArray(new PartitionMembers { Regions = [.. regions] });

    private List<string> Decode(byte[] payload) =>
        serializer.Deserialize<PartitionMembers>(payload)?.Regions ?? throw new InvalidDataException("A footprint member record decoded to nothing.");
}
