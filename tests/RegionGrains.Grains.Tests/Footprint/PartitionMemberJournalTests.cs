using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Tests.Infrastructure;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Tests.Footprint;

public sealed class PartitionMemberJournalTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private readonly InMemoryJournalStorage _storage = new();
    private readonly PartitionMemberJournal _journal;

    public PartitionMemberJournalTests()
    {
        var services = new ServiceCollection()
            .AddSerializer(s => s.AddAssembly(typeof(PartitionMembers).Assembly).AddAssembly(typeof(IdOnlyPartitionMembers).Assembly))
            .BuildServiceProvider();
        Serializer = services.GetRequiredService<Serializer>();
        _journal = new PartitionMemberJournal(_storage, Serializer);
    }

    private Serializer Serializer { get; }

    [Fact]
    public async Task SnapshotsAppendedInManySmallWritesAreReadBackOnceEachAtTheirNewestVersionAfterCompaction()
    {
        var (log, members) = await _journal.OpenAsync(3);
        Assert.Empty(members);
        var written = new Dictionary<string, RegionSnapshot>(StringComparer.Ordinal);
        var snapshots = 0;
        for (var batch = 0; batch < 200; batch++)
        {
            // New regions, and every tenth batch a newer version of regions written before.
            var changed = Enumerable.Range(batch * 100, 100).Select(i => Snapshot($"r-{i}", 1))
                .Concat(batch % 10 == 9 ? Enumerable.Range(0, 50).Select(i => Snapshot($"r-{i}", 2 + batch)) : [])
                .ToArray();
            await log.AppendAsync(changed);
            foreach (var snapshot in changed)
            {
                written[snapshot.Id] = snapshot;
            }

            if (log.SnapshotDue)
            {
                await log.SnapshotAsync(written.Values, []);
                snapshots++;
            }
        }

        var (_, reread) = await _journal.OpenAsync(3);
        var stream = await _storage.ReadAsync(PartitionMemberJournal.StreamOf(3));

        Assert.Equal(written.Keys.Order(StringComparer.Ordinal), reread.Keys.Order(StringComparer.Ordinal));
        Assert.All(written.Values, w => Assert.Equal(w, reread[w.Id]));
        Assert.Equal(201L, reread["r-7"]!.Version);

        // 21,000 entries for 20,000 regions: snapshots after batches 39, 79 and 156 (the map then at 4,000, 8,000 and
        // 15,700 regions), each dropping the records it covers, so 43 records follow the last.
        Assert.Equal(3, snapshots);
        Assert.NotNull(stream.Snapshot);
        Assert.Equal(43, stream.Records.Count);
    }

    [Fact]
    public async Task AReopenedLogAppendsAfterWhatTheLastActivationWroteAndARetriedRegionIsListedOnce()
    {
        var (first, _) = await _journal.OpenAsync(0);
        await first.AppendAsync([Snapshot("a-1", 1), Snapshot("a-2", 1)]);

        var (second, members) = await _journal.OpenAsync(0);
        await second.AppendAsync([Snapshot("a-2", 1), Snapshot("a-3", 4)]);
        var (_, reread) = await _journal.OpenAsync(0);

        Assert.Equal(["a-1", "a-2"], members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a-1", "a-2", "a-3"], reread.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4L, reread["a-3"]!.Version);
        await Assert.ThrowsAsync<JournalConflictException>(() => first.AppendAsync([Snapshot("a-4", 1)]));
    }

    [Fact]
    public async Task AStreamOfTheIdOnlyFormatIsReadAsMembersWithoutSnapshotsThatLaterSnapshotsFillIn()
    {
        // Written as partitions wrote before they stored snapshots: a snapshot and records of ids only.
        var stream = PartitionMemberJournal.StreamOf(5);
        await _storage.InitializeAsync(stream, new JournalSnapshot(1, IdOnly("old-1", "old-2")), []);
        await _storage.AppendAsync(stream, 1, [new JournalRecord(2, IdOnly("old-3"))]);

        var (log, converted) = await _journal.OpenAsync(5);
        await log.AppendAsync([Snapshot("old-2", 6), Snapshot("new-1", 1)]);
        var (_, reread) = await _journal.OpenAsync(5);

        Assert.Equal(["old-1", "old-2", "old-3"], converted.Keys.Order(StringComparer.Ordinal));
        Assert.All(converted.Values, snapshot => Assert.Null(snapshot));
        Assert.Equal(["new-1", "old-1", "old-2", "old-3"], reread.Keys.Order(StringComparer.Ordinal));
        Assert.Null(reread["old-1"]);
        Assert.Equal(6L, reread["old-2"]!.Version);
        Assert.Null(reread["old-3"]);
    }

    [Fact]
    public async Task ACompactionKeepsMembersWithoutSnapshotsAsIds()
    {
        var (log, _) = await _journal.OpenAsync(9);
        await log.AppendAsync([Snapshot("kept", 3)]);
        await log.SnapshotAsync([Snapshot("kept", 3)], ["unread"]);

        var (_, reread) = await _journal.OpenAsync(9);

        Assert.Equal(["kept", "unread"], reread.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3L, reread["kept"]!.Version);
        Assert.Null(reread["unread"]);
    }

    [Fact]
    public async Task AWholeListStartsAnEmptyStreamAndChangesNothingOnceItHasStarted()
    {
        await _journal.ImportWholeListAsync(7, IdOnly("old-1", "old-2"), default);
        var (log, imported) = await _journal.OpenAsync(7);
        await log.AppendAsync([Snapshot("new-1", 1)]);
        await _journal.ImportWholeListAsync(7, IdOnly("stale-row"), default);
        var (_, reread) = await _journal.OpenAsync(7);

        Assert.Equal(["old-1", "old-2"], imported.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["new-1", "old-1", "old-2"], reread.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>A payload as the id-only format wrote it: field 0, the ids, and nothing else.</summary>
    private byte[] IdOnly(params string[] ids) => Serializer.SerializeToArray(new IdOnlyPartitionMembers { Regions = [.. ids] });

    private static RegionSnapshot Snapshot(string id, long version) =>
        new(id, new RegionDefinition(id, "BR", Geography.Americas, 0, 0), RegionStatus.Online, ImmutableSortedDictionary<string, CapacityPool>.Empty, 0, version, Now);
}
