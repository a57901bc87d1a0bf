using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RegionGrains.Grains.Footprint;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Tests.Footprint;

public sealed class PartitionMemberJournalTests
{
    private readonly InMemoryJournalStorage _storage = new();
    private readonly PartitionMemberJournal _journal;

    public PartitionMemberJournalTests()
    {
        var services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(PartitionMembers).Assembly)).BuildServiceProvider();
        Serializer = services.GetRequiredService<Serializer>();
        _journal = new PartitionMemberJournal(_storage, Serializer);
    }

    private Serializer Serializer { get; }

    [Fact]
    public async Task MembersAppendedInManySmallWritesAreReadBackOnceEachAfterCompaction()
    {
        var (log, members) = await _journal.OpenAsync(3);
        Assert.Empty(members);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var snapshots = 0;
        for (var batch = 0; batch < 200; batch++)
        {
            var joining = Enumerable.Range(batch * 100, 100).Select(i => $"r-{i}").ToArray();
            await log.AppendAsync(joining);
            added.UnionWith(joining);
            if (log.SnapshotDue)
            {
                await log.SnapshotAsync(added);
                snapshots++;
            }
        }

        var (_, reread) = await _journal.OpenAsync(3);
        var stream = await _storage.ReadAsync(PartitionMemberJournal.StreamOf(3));

        Assert.Equal(added.Order(StringComparer.Ordinal), reread.Order(StringComparer.Ordinal));

        // 20,000 ids: snapshots at about 4,096, 8,192 and 16,384 members, each dropping the records it covers.
        Assert.Equal(3, snapshots);
        Assert.NotNull(stream.Snapshot);
        Assert.InRange(stream.Records.Count, 1, 200 - 163);
    }

    [Fact]
    public async Task AReopenedLogAppendsAfterWhatTheLastActivationWroteAndARetriedRegionIsListedOnce()
    {
        var (first, _) = await _journal.OpenAsync(0);
        await first.AppendAsync(["a-1", "a-2"]);

        var (second, members) = await _journal.OpenAsync(0);
        await second.AppendAsync(["a-2", "a-3"]);
        var (_, reread) = await _journal.OpenAsync(0);

        Assert.Equal(["a-1", "a-2"], members.Order(StringComparer.Ordinal));
        Assert.Equal(["a-1", "a-2", "a-3"], reread.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<JournalConflictException>(() => first.AppendAsync(["a-4"]));
    }

    [Fact]
    public async Task AWholeListStartsAnEmptyStreamAndChangesNothingOnceItHasStarted()
    {
        await _journal.ImportWholeListAsync(7, Serializer.SerializeToArray(new PartitionMembers { Regions = ["old-1", "old-2"] }), default);
        var (log, imported) = await _journal.OpenAsync(7);
        await log.AppendAsync(["new-1"]);
        await _journal.ImportWholeListAsync(7, Serializer.SerializeToArray(new PartitionMembers { Regions = ["stale-row"] }), default);
        var (_, reread) = await _journal.OpenAsync(7);

        Assert.Equal(["old-1", "old-2"], imported.Order(StringComparer.Ordinal));
        Assert.Equal(["new-1", "old-1", "old-2"], reread.Order(StringComparer.Ordinal));
    }
}
