using Orleans.Storage;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "counter";
    private readonly TempDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadingAMissingRecordReturnsANewStateWithoutETag()
    {
        await using var host = new StorageHost(_directory.Path);
        var state = new CounterGrainState();

        await host.Storage.ReadStateAsync(StateName, Grain("missing"), state);

        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Count);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task ReadAfterWriteReturnsWhatWasWritten()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("read-after-write");
        var written = new CounterGrainState { State = new CounterState { Label = "São Paulo", Count = 42, Items = ["racks", "gpus"] } };

        await host.Storage.WriteStateAsync(StateName, grain, written);
        var read = await ReadAsync(host, grain);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("São Paulo", read.State.Label);
        Assert.Equal(42, read.State.Count);
        Assert.Equal(["racks", "gpus"], read.State.Items);
    }

    [Fact]
    public async Task ETagChangesOnEveryWrite()
    {
        await using var host = new StorageHost(_directory.Path);
        var state = new CounterGrainState { State = new CounterState() };
        var seen = new HashSet<string>();

        for (var i = 1; i <= 5; i++)
        {
            state.State.Count = i;
            await host.Storage.WriteStateAsync(StateName, Grain("etag-changes"), state);
            Assert.NotNull(state.ETag);
            Assert.True(seen.Add(state.ETag), $"write {i} reused etag {state.ETag}");
            Assert.True(state.RecordExists);
        }

        Assert.Equal(5, (await ReadAsync(host, Grain("etag-changes"))).State.Count);
    }

    [Fact]
    public async Task StaleWriteIsRefusedWithInconsistentStateException()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("stale-write");
        await host.Storage.WriteStateAsync(StateName, grain, new CounterGrainState { State = new CounterState { Count = 1 } });
        var first = await ReadAsync(host, grain);
        var second = await ReadAsync(host, grain);
        first.State.Count = 2;
        await host.Storage.WriteStateAsync(StateName, grain, first);

        var staleETag = second.ETag;
        second.State.Count = 99;
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.WriteStateAsync(StateName, grain, second));

        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Equal(staleETag, refused.CurrentEtag);
        Assert.Equal(staleETag, second.ETag);
        Assert.Equal(2, (await ReadAsync(host, grain)).State.Count);
    }

    [Fact]
    public async Task DuplicateInsertIsRefused()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("duplicate-insert");
        var winner = new CounterGrainState { State = new CounterState { Count = 1 } };
        var loser = new CounterGrainState { State = new CounterState { Count = 2 } };

        await host.Storage.WriteStateAsync(StateName, grain, winner);
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.WriteStateAsync(StateName, grain, loser));

        Assert.Equal(winner.ETag, refused.StoredEtag);
        Assert.Null(loser.ETag);
        Assert.Equal(1, (await ReadAsync(host, grain)).State.Count);
    }

    [Fact]
    public async Task ClearThenReadReturnsNoRecord()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("clear");
        var state = new CounterGrainState { State = new CounterState { Count = 7 } };
        await host.Storage.WriteStateAsync(StateName, grain, state);

        await host.Storage.ClearStateAsync(StateName, grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Count);
        var read = await ReadAsync(host, grain);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State.Count);
    }

    [Fact]
    public async Task WritingAfterClearStartsANewRecord()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("write-after-clear");
        var state = new CounterGrainState { State = new CounterState { Count = 1 } };
        await host.Storage.WriteStateAsync(StateName, grain, state);
        var beforeClear = state.ETag;
        await host.Storage.ClearStateAsync(StateName, grain, state);

        state.State.Count = 3;
        await host.Storage.WriteStateAsync(StateName, grain, state);

        Assert.NotEqual(beforeClear, state.ETag);
        Assert.Equal(3, (await ReadAsync(host, grain)).State.Count);
    }

    [Fact]
    public async Task StaleClearIsRefused()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("stale-clear");
        await host.Storage.WriteStateAsync(StateName, grain, new CounterGrainState { State = new CounterState { Count = 1 } });
        var stale = await ReadAsync(host, grain);
        var current = await ReadAsync(host, grain);
        current.State.Count = 2;
        await host.Storage.WriteStateAsync(StateName, grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.ClearStateAsync(StateName, grain, stale));

        var read = await ReadAsync(host, grain);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State.Count);
    }

    [Fact]
    public async Task ClearingWithoutARecordAfterAnotherWriterInsertedIsRefused()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("clear-unseen");
        var unaware = await ReadAsync(host, grain);
        await host.Storage.WriteStateAsync(StateName, grain, new CounterGrainState { State = new CounterState { Count = 5 } });

        await Assert.ThrowsAsync<InconsistentStateException>(() => host.Storage.ClearStateAsync(StateName, grain, unaware));

        Assert.Equal(5, (await ReadAsync(host, grain)).State.Count);
    }

    [Fact]
    public async Task StateNamesGrainsAndProvidersAreKeptApart()
    {
        await using var regions = new StorageHost(_directory.Path, "regions");
        await using var footprint = new StorageHost(_directory.Path, "footprint");
        var grain = Grain("kept-apart");

        await regions.Storage.WriteStateAsync("a", grain, new CounterGrainState { State = new CounterState { Count = 1 } });
        await regions.Storage.WriteStateAsync("b", grain, new CounterGrainState { State = new CounterState { Count = 2 } });
        await regions.Storage.WriteStateAsync("a", Grain("other"), new CounterGrainState { State = new CounterState { Count = 3 } });
        await footprint.Storage.WriteStateAsync("a", grain, new CounterGrainState { State = new CounterState { Count = 4 } });

        Assert.Equal(1, (await ReadAsync(regions, grain, "a")).State.Count);
        Assert.Equal(2, (await ReadAsync(regions, grain, "b")).State.Count);
        Assert.Equal(3, (await ReadAsync(regions, Grain("other"), "a")).State.Count);
        Assert.Equal(4, (await ReadAsync(footprint, grain, "a")).State.Count);
    }

    [Fact]
    public async Task ManyGrainsWriteInParallelAndEveryWriteLands()
    {
        const int Grains = 200;
        const int WritesPerGrain = 3;
        await using var host = new StorageHost(_directory.Path);

        await Task.WhenAll(Enumerable.Range(0, Grains).Select(i => Task.Run(async () =>
        {
            var state = new CounterGrainState { State = new CounterState { Label = $"grain-{i}" } };
            for (var write = 1; write <= WritesPerGrain; write++)
            {
                state.State.Count = write;
                await host.Storage.WriteStateAsync(StateName, Grain($"parallel-{i}"), state);
            }
        })));

        for (var i = 0; i < Grains; i++)
        {
            var read = await ReadAsync(host, Grain($"parallel-{i}"));
            Assert.True(read.RecordExists, $"grain {i} has no record");
            Assert.Equal($"grain-{i}", read.State.Label);
            Assert.Equal(WritesPerGrain, read.State.Count);
        }
    }

    [Fact]
    public async Task ConcurrentWritersOnOneGrainHaveExactlyOneWinner()
    {
        await using var host = new StorageHost(_directory.Path);
        var grain = Grain("one-winner");
        await host.Storage.WriteStateAsync(StateName, grain, new CounterGrainState { State = new CounterState() });
        var contenders = new List<CounterGrainState>();
        for (var i = 0; i < 20; i++)
        {
            var copy = await ReadAsync(host, grain);
            copy.State.Count = i + 1;
            contenders.Add(copy);
        }

        var outcomes = await Task.WhenAll(contenders.Select(async c =>
        {
            try
            {
                await host.Storage.WriteStateAsync(StateName, grain, c);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        var winner = contenders[Array.IndexOf(outcomes, true)];
        Assert.Equal(winner.State.Count, (await ReadAsync(host, grain)).State.Count);
    }

    [Fact]
    public async Task TwoStorageInstancesOnOneFileSeeEachOthersWrites()
    {
        await using var first = new StorageHost(_directory.Path);
        await using var second = new StorageHost(_directory.Path);
        var grain = Grain("shared-file");

        var state = new CounterGrainState { State = new CounterState { Count = 1 } };
        await first.Storage.WriteStateAsync(StateName, grain, state);
        var seenBySecond = await ReadAsync(second, grain);
        Assert.Equal(state.ETag, seenBySecond.ETag);
        Assert.Equal(1, seenBySecond.State.Count);

        seenBySecond.State.Count = 2;
        await second.Storage.WriteStateAsync(StateName, grain, seenBySecond);
        var seenByFirst = await ReadAsync(first, grain);

        Assert.Equal(2, seenByFirst.State.Count);
        Assert.Equal(seenBySecond.ETag, seenByFirst.ETag);
    }

    [Fact]
    public async Task TwoStorageInstancesOnOneFileRefuseEachOthersStaleWrites()
    {
        await using var first = new StorageHost(_directory.Path);
        await using var second = new StorageHost(_directory.Path);
        var grain = Grain("shared-stale");
        var firstView = new CounterGrainState { State = new CounterState { Count = 1 } };
        await first.Storage.WriteStateAsync(StateName, grain, firstView);
        var secondView = await ReadAsync(second, grain);

        secondView.State.Count = 2;
        await second.Storage.WriteStateAsync(StateName, grain, secondView);
        firstView.State.Count = 3;
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => first.Storage.WriteStateAsync(StateName, grain, firstView));
        var duplicateInsert = await Assert.ThrowsAsync<InconsistentStateException>(
            () => first.Storage.WriteStateAsync(StateName, grain, new CounterGrainState { State = new CounterState { Count = 4 } }));

        Assert.Equal(secondView.ETag, refused.StoredEtag);
        Assert.Equal(secondView.ETag, duplicateInsert.StoredEtag);
        Assert.Equal(2, (await ReadAsync(first, grain)).State.Count);
    }

    [Fact]
    public async Task TwoStorageInstancesWritingInParallelOnOneFileLoseNothing()
    {
        const int GrainsPerInstance = 100;
        await using var first = new StorageHost(_directory.Path);
        await using var second = new StorageHost(_directory.Path);

        await Task.WhenAll(
            Enumerable.Range(0, GrainsPerInstance).Select(i => WriteAsync(first, $"first-{i}", i))
                .Concat(Enumerable.Range(0, GrainsPerInstance).Select(i => WriteAsync(second, $"second-{i}", i))));

        for (var i = 0; i < GrainsPerInstance; i++)
        {
            Assert.Equal(i, (await ReadAsync(second, Grain($"first-{i}"))).State.Count);
            Assert.Equal(i, (await ReadAsync(first, Grain($"second-{i}"))).State.Count);
        }

        static Task WriteAsync(StorageHost host, string key, int count) =>
            Task.Run(() => host.Storage.WriteStateAsync(StateName, Grain(key), new CounterGrainState { State = new CounterState { Count = count } }));
    }

    [Fact]
    public async Task DataSurvivesDisposingAndRecreatingTheStorage()
    {
        var grain = Grain("survives");
        string? etag;
        await using (var host = new StorageHost(_directory.Path))
        {
            var state = new CounterGrainState { State = new CounterState { Label = "Querétaro", Count = 11 } };
            await host.Storage.WriteStateAsync(StateName, grain, state);
            etag = state.ETag;
        }

        await using var reopened = new StorageHost(_directory.Path);
        var read = await ReadAsync(reopened, grain);

        Assert.True(read.RecordExists);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("Querétaro", read.State.Label);
        Assert.Equal(11, read.State.Count);
    }

    [Fact]
    public async Task AnUnusableDataDirectoryFailsLoudly()
    {
        var blocker = Path.Combine(_directory.Path, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the data directory should be");
        await using var host = new StorageHost(blocker);

        await Assert.ThrowsAnyAsync<IOException>(() => host.Storage.ReadStateAsync(StateName, Grain("unusable"), new CounterGrainState()));
        await Assert.ThrowsAnyAsync<IOException>(
            () => host.Storage.WriteStateAsync(StateName, Grain("unusable"), new CounterGrainState { State = new CounterState() }));
    }

    private static GrainId Grain(string key) => GrainId.Create("counter", key);

    private static async Task<CounterGrainState> ReadAsync(StorageHost host, GrainId grain, string stateName = StateName)
    {
        var state = new CounterGrainState();
        await host.Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }
}
