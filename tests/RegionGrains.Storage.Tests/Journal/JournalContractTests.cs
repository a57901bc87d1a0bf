using System.Text;
using RegionGrains.Journal;

namespace RegionGrains.Storage.Tests.Journal;

/// <summary>
/// The scenarios every <see cref="IJournalStorage"/> provider must pass, as Orleans tests its own providers through
/// shared contract bases. A provider's test class supplies the storage and a way to reopen it (a new instance on
/// the same database, as after a process restart).
/// </summary>
public abstract class JournalContractTests
{
    private readonly string _prefix = "c" + Guid.NewGuid().ToString("N")[..10] + "-";

    /// <summary>The storage under test.</summary>
    protected abstract IJournalStorage Storage { get; }

    /// <summary>A new instance over the same durable data, as a restarted process would open it.</summary>
    protected abstract Task<IJournalStorage> ReopenAsync();

    protected string Stream(string name) => _prefix + name;

    protected static JournalRecord Record(long version, string text = "") => new(version, Encoding.UTF8.GetBytes($"v{version}{text}"));

    protected static string Text(JournalRecord record) => Encoding.UTF8.GetString(record.Payload);

    [SkippableFact]
    public async Task AnEmptyStreamHasNothingAndHeadZero()
    {
        var read = await Storage.ReadAsync(Stream("empty"));

        Assert.Null(read.Snapshot);
        Assert.Empty(read.Records);
        Assert.Equal(0, read.Head);
        Assert.Empty(await Storage.ReadBackwardAsync(Stream("empty"), long.MaxValue, 10));
    }

    [SkippableFact]
    public async Task AppendedRecordsReadBackInOrderAfterAReopen()
    {
        var stream = Stream("append");
        await Storage.AppendAsync(stream, 0, [Record(1)]);
        await Storage.AppendAsync(stream, 1, [Record(2), Record(3)]);

        var reopened = await ReopenAsync();
        var read = await reopened.ReadAsync(stream);

        Assert.Equal(["v1", "v2", "v3"], read.Records.Select(Text));
        Assert.Equal([1L, 2, 3], read.Records.Select(r => r.Version));
        Assert.Equal(3, read.Head);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task AnAppendAtAnyHeadButTheCurrentOneIsRefusedAndWritesNothing(long staleHead)
    {
        var stream = Stream("stale-" + staleHead);
        await Storage.AppendAsync(stream, 0, [Record(1), Record(2)]);

        await Assert.ThrowsAsync<JournalConflictException>(() => Storage.AppendAsync(stream, staleHead, [Record(staleHead + 1, "-stale")]));

        var read = await Storage.ReadAsync(stream);
        Assert.Equal(["v1", "v2"], read.Records.Select(Text));
        await Storage.AppendAsync(stream, 2, [Record(3)]);
        Assert.Equal(3, (await Storage.ReadAsync(stream)).Head);
    }

    [SkippableFact]
    public async Task RecordsThatDoNotFollowTheExpectedHeadAreRejectedBeforeStorage()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(Stream("gap"), 0, [Record(2)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(Stream("gap"), 0, []));
        Assert.Equal(0, (await Storage.ReadAsync(Stream("gap"))).Head);
    }

    [SkippableFact]
    public async Task OfWritersRacingForTheSameVersionExactlyOneWins()
    {
        var stream = Stream("race");
        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            try
            {
                await Storage.AppendAsync(stream, 0, [Record(1, $"-writer{i}")]);
                return i;
            }
            catch (JournalConflictException)
            {
                return -1;
            }
        });

        var winners = (await Task.WhenAll(attempts)).Where(i => i >= 0).ToArray();

        var winner = Assert.Single(winners);
        Assert.Equal($"v1-writer{winner}", Text(Assert.Single((await Storage.ReadAsync(stream)).Records)));
    }

    [SkippableFact]
    public async Task ASnapshotPlusTheTailIsEverythingAcknowledgedAndHistoryKeepsWhatWasAskedFor()
    {
        var stream = Stream("snapshot");
        for (var v = 1; v <= 10; v++)
        {
            await Storage.AppendAsync(stream, v - 1, [Record(v)]);
        }

        await Storage.WriteSnapshotAsync(stream, new JournalSnapshot(6, Encoding.UTF8.GetBytes("state@6")), keepFromVersion: 3);
        await Storage.WriteSnapshotAsync(stream, new JournalSnapshot(4, Encoding.UTF8.GetBytes("state@4")), keepFromVersion: 1);

        var read = await (await ReopenAsync()).ReadAsync(stream);
        Assert.Equal(6, read.Snapshot!.Version);
        Assert.Equal("state@6", Encoding.UTF8.GetString(read.Snapshot.Payload));
        Assert.Equal([7L, 8, 9, 10], read.Records.Select(r => r.Version));
        Assert.Equal(10, read.Head);
        Assert.Equal([10L, 9, 8, 7, 6, 5, 4, 3], (await Storage.ReadBackwardAsync(stream, long.MaxValue, 100)).Select(r => r.Version));
        await Assert.ThrowsAsync<JournalConflictException>(() => Storage.AppendAsync(stream, 6, [Record(7, "-stale")]));
        await Storage.AppendAsync(stream, 10, [Record(11)]);
    }

    [SkippableFact]
    public async Task TheHeadReadIsWhatAnyInstanceStoredLast()
    {
        var stream = Stream("head");
        var other = await ReopenAsync();
        Assert.Equal(0, await Storage.ReadHeadAsync(stream));

        await Storage.AppendAsync(stream, 0, [Record(1), Record(2)]);
        await other.AppendAsync(stream, 2, [Record(3)]);
        Assert.Equal(3, await Storage.ReadHeadAsync(stream));

        await Storage.WriteSnapshotAsync(stream, new JournalSnapshot(3, [3]), keepFromVersion: 100);
        Assert.Equal(3, await other.ReadHeadAsync(stream));

        var initialized = Stream("head-init");
        Assert.True(await Storage.InitializeAsync(initialized, new JournalSnapshot(5, [5]), [Record(4), Record(5)]));
        Assert.Equal(5, await other.ReadHeadAsync(initialized));
    }

    [SkippableFact]
    public async Task BatchedHeadsAreEachStreamsHeadInTheOrderAskedAcrossChunks()
    {
        // 2,500 names: more than one chunk of every provider's batched query. Every 7th stream gets records, every 11th
        // (not a 7th) starts from a snapshot, the rest stay empty; one name is asked twice.
        var names = Enumerable.Range(0, 2_500).Select(i => Stream($"heads-{i}")).ToArray();
        var expected = new long[names.Length];

        // One write at a time: a provider may open a connection per write, and a server takes only so many.
        for (var i = 0; i < names.Length; i++)
        {
            if (i % 7 == 0)
            {
                expected[i] = 1 + (i % 3);
                await Storage.AppendAsync(names[i], 0, [.. Enumerable.Range(1, (int)expected[i]).Select(v => Record(v))]);
            }
            else if (i % 11 == 0)
            {
                expected[i] = 9;
                await Storage.InitializeAsync(names[i], new JournalSnapshot(9, [9]), []);
            }
        }

        var asked = names.Reverse().Append(names[14]).ToArray();

        var heads = await (await ReopenAsync()).ReadHeadsAsync(asked);

        Assert.Equal(expected.Reverse().Append(expected[14]), heads);
        Assert.Empty(await Storage.ReadHeadsAsync([]));
    }

    [SkippableFact]
    public async Task ASnapshotNeverDropsRecordsNewerThanItself()
    {
        var stream = Stream("keep-tail");
        await Storage.AppendAsync(stream, 0, [Record(1), Record(2), Record(3), Record(4)]);

        await Storage.WriteSnapshotAsync(stream, new JournalSnapshot(2, [2]), keepFromVersion: 100);

        Assert.Equal([3L, 4], (await Storage.ReadAsync(stream)).Records.Select(r => r.Version));
    }

    [SkippableFact]
    public async Task ReadingBackwardPagesNewestFirst()
    {
        var stream = Stream("pages");
        await Storage.AppendAsync(stream, 0, [.. Enumerable.Range(1, 25).Select(v => Record(v))]);

        var first = await Storage.ReadBackwardAsync(stream, long.MaxValue, 10);
        var second = await Storage.ReadBackwardAsync(stream, first[^1].Version, 10);
        var last = await Storage.ReadBackwardAsync(stream, second[^1].Version, 10);

        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(v => (long)v), first.Concat(second).Concat(last).Select(r => r.Version));
        Assert.Empty(await Storage.ReadBackwardAsync(stream, 1, 10));
    }

    [SkippableFact]
    public async Task InitializeStartsOnlyAnEmptyStream()
    {
        var stream = Stream("init");
        var history = new[] { Record(1), Record(2), Record(3) };

        Assert.True(await Storage.InitializeAsync(stream, new JournalSnapshot(3, [3]), history));
        Assert.False(await Storage.InitializeAsync(stream, new JournalSnapshot(9, [9]), history));

        var read = await Storage.ReadAsync(stream);
        Assert.Equal(3, read.Snapshot!.Version);
        Assert.Empty(read.Records);
        Assert.Equal([3L, 2, 1], (await Storage.ReadBackwardAsync(stream, long.MaxValue, 10)).Select(r => r.Version));
        await Assert.ThrowsAsync<JournalConflictException>(() => Storage.AppendAsync(stream, 0, [Record(1)]));
        await Storage.AppendAsync(stream, 3, [Record(4)]);
    }

    [SkippableFact]
    public async Task ManyStreamsAppendInParallelWithoutLosingOrMixingRecords()
    {
        const int Streams = 64;
        const int PerStream = 25;
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(async s =>
        {
            for (var v = 1; v <= PerStream; v++)
            {
                await Storage.AppendAsync(Stream($"par-{s}"), v - 1, [Record(v, $"-s{s}")]);
            }
        }));

        var reopened = await ReopenAsync();
        for (var s = 0; s < Streams; s++)
        {
            var read = await reopened.ReadAsync(Stream($"par-{s}"));
            Assert.Equal(Enumerable.Range(1, PerStream).Select(v => $"v{v}-s{s}"), read.Records.Select(Text));
        }
    }
}
