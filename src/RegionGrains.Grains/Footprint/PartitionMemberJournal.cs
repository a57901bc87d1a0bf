using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// Where footprint partitions keep what they hold: one journal stream per partition, each record the snapshots that
/// changed in one write (new members and newer versions of old ones), its snapshot the whole map. One per silo; each
/// partition activation opens its own <see cref="PartitionMemberLog"/>.
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
    /// <summary>Entries appended since the last snapshot before a new one is considered, whatever the partition's size.</summary>
    public const int CompactAfter = 4_096;

    /// <summary>The journal stream of <paramref name="partition"/>.</summary>
    public static string StreamOf(int partition) => $"footprint/partition/{partition}";

    /// <summary>Reads the members of <paramref name="partition"/>, each with the newest snapshot stored for it.</summary>
    /// <returns>
    /// The log to append to and the members read. A member stored only by id (every member of a stream written before
    /// partitions stored snapshots) has no snapshot; a region stored twice (a write retried, a newer version) is listed
    /// once, with its highest version.
    /// </returns>
    public async Task<(PartitionMemberLog Log, IReadOnlyDictionary<string, RegionSnapshot?> Members)> OpenAsync(
        int partition, CancellationToken cancellationToken = default)
    {
        var stream = StreamOf(partition);
        var read = await storage.ReadAsync(stream, cancellationToken);

        var members = new Dictionary<string, RegionSnapshot?>(StringComparer.Ordinal);
        var snapshotted = 0;
        if (read.Snapshot is { } snapshot)
        {
            snapshotted = Merge(members, Decode(snapshot.Payload));
        }

        var appended = 0;
        foreach (var record in read.Records)
        {
            appended += Merge(members, Decode(record.Payload));
        }

        return (new PartitionMemberLog(this, stream, read.Head, snapshotted, appended), members);
    }

    /// <summary>Starts the stream of <paramref name="partition"/> from its whole member list (version 1), unless it has one already.</summary>
    internal Task ImportWholeListAsync(int partition, byte[] payload, CancellationToken cancellationToken) =>
        storage.InitializeAsync(StreamOf(partition), new JournalSnapshot(1, serializer.SerializeToArray(Decode(payload))), [], cancellationToken);

    internal Task AppendAsync(string stream, long expectedHead, PartitionMembers changed, CancellationToken cancellationToken) =>
        storage.AppendAsync(stream, expectedHead, [new JournalRecord(expectedHead + 1, serializer.SerializeToArray(changed))], cancellationToken);

    internal async Task SnapshotAsync(string stream, long version, PartitionMembers all, CancellationToken cancellationToken)
    {
        // The whole map is tens of megabytes at a million regions, a second or more to encode on a busy machine: encoded
        // off the partition's turn, so that its pages and sums are not held meanwhile (the snapshots are immutable and
        // the lists are the caller's copies).
        var payload = await Task.Run(() => serializer.SerializeToArray(all), cancellationToken);
        await storage.WriteSnapshotAsync(stream, new JournalSnapshot(version, payload), keepFromVersion: version + 1, cancellationToken);
    }

    /// <summary>
    /// Adds one record's (or the snapshot's) members to <paramref name="members"/> and returns how many entries it had.
    /// The one place where the id-only format is read: an id without a snapshot is a member whose snapshot the
    /// partition reads back from its region; a snapshot replaces an older one or a bare id.
    /// </summary>
    private static int Merge(Dictionary<string, RegionSnapshot?> members, PartitionMembers part)
    {
        foreach (var id in part.Regions)
        {
            members.TryAdd(id, null);
        }

        // Null when a payload of the id-only format is decoded by a serializer that does not run the initializers.
        var snapshots = part.Snapshots ?? [];
        foreach (var snapshot in snapshots)
        {
            if (!members.TryGetValue(snapshot.Id, out var held) || held is null || held.Version < snapshot.Version)
            {
                members[snapshot.Id] = snapshot;
            }
        }

        return part.Regions.Count + snapshots.Count;
    }

    private PartitionMembers Decode(byte[] payload) =>
        serializer.Deserialize<PartitionMembers>(payload) ?? throw new InvalidDataException("A footprint member record decoded to nothing.");
}
