using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Sqlite.Journal;
using RegionGrains.Journal;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Journal;

public sealed class SqliteJournalTests : JournalContractTests, IAsyncLifetime, IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private readonly List<SqliteJournalStorage> _opened = [];
    private SqliteJournalStorage _storage = null!;

    protected override IJournalStorage Storage => _storage;

    public Task InitializeAsync()
    {
        _storage = Open(_directory.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>Runs after <see cref="DisposeAsync"/> has closed every instance on the directory.</summary>
    public void Dispose() => _directory.Dispose();

    protected override Task<IJournalStorage> ReopenAsync() => Task.FromResult<IJournalStorage>(Open(_directory.Path));

    [SkippableFact]
    public async Task TwoInstancesOnOneFileAsTwoProcessesWouldStillRefuseTheStaleWriter()
    {
        var stream = Stream("two-processes");
        var other = Open(_directory.Path, shareWriter: false);
        await Storage.AppendAsync(stream, 0, [Record(1)]);

        await Assert.ThrowsAsync<JournalConflictException>(() => other.AppendAsync(stream, 0, [Record(1, "-other")]));
        await other.AppendAsync(stream, 1, [Record(2, "-other")]);

        Assert.Equal(["v1", "v2-other"], (await Storage.ReadAsync(stream)).Records.Select(Text));
    }

    [SkippableFact]
    public async Task ATornLastBatchIsIgnoredOnReplayNeverHalfApplied()
    {
        var stream = Stream("torn");
        var wal = _storage.DatabasePath + "-wal";
        await Storage.AppendAsync(stream, 0, [Record(1), Record(2)]);
        var afterFirst = new FileInfo(wal).Length;

        // The last batch: five records of 3 KB, so its commit spans several WAL frames.
        await Storage.AppendAsync(stream, 2, [.. Enumerable.Range(3, 5).Select(v => Record(v, new string('x', 3_000)))]);
        var afterSecond = new FileInfo(wal).Length;
        Assert.True(afterSecond > afterFirst, $"The second batch should be in the WAL ({afterFirst} -> {afterSecond} bytes); a checkpoint ran in between.");

        // A crash in the middle of writing the last batch: a copy of the files with the WAL cut inside that batch.
        using var crashed = new TempDataDirectory();
        var copy = Path.Combine(crashed.Path, Path.GetFileName(_storage.DatabasePath));
        File.Copy(_storage.DatabasePath, copy);
        using (var source = new FileStream(wal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var target = File.Create(copy + "-wal"))
        {
            var keep = afterFirst + ((afterSecond - afterFirst) / 2);
            var buffer = new byte[keep];
            source.ReadExactly(buffer);
            target.Write(buffer);
        }

        var recovered = Open(crashed.Path);
        var read = await recovered.ReadAsync(stream);

        Assert.Equal(["v1", "v2"], read.Records.Select(Text));
        await recovered.AppendAsync(stream, 2, [Record(3, "-after-recovery")]);
        Assert.Equal(3, (await recovered.ReadAsync(stream)).Head);
    }

    [SkippableFact]
    public async Task AFileWithWithoutRowidTablesOpensWithItsRecordsAndSnapshots()
    {
        // The WITHOUT ROWID layout of both tables, written as a file of that layout has it.
        using var old = new TempDataDirectory();
        var path = Path.Combine(old.Path, new SqliteJournalOptions().DatabaseFileName);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE journal_record (stream TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (stream, version)) WITHOUT ROWID;
                CREATE TABLE journal_snapshot (stream TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, payload BLOB NOT NULL) WITHOUT ROWID;
                INSERT INTO journal_snapshot VALUES ('old-region', 2, CAST('snapshot-at-2' AS BLOB));
                INSERT INTO journal_record VALUES ('old-region', 2, CAST('v2' AS BLOB)), ('old-region', 3, CAST('v3' AS BLOB)), ('other', 1, CAST('v1' AS BLOB));
                """;
            command.ExecuteNonQuery();
        }

        // Two instances with writers of their own, as two silos starting on the same directory: one converts the
        // tables, the other waits for its transaction and finds them converted.
        var storage = Open(old.Path);
        var second = Open(old.Path, shareWriter: false);
        await Task.WhenAll(Task.Run(storage.EnsureCreated), Task.Run(second.EnsureCreated));
        Assert.Equal(3, (await second.ReadAsync("old-region")).Head);
        var read = await storage.ReadAsync("old-region");

        Assert.Equal(2, read.Snapshot!.Version);
        Assert.Equal("snapshot-at-2", System.Text.Encoding.UTF8.GetString(read.Snapshot.Payload));
        Assert.Equal(["v3"], read.Records.Select(Text));
        Assert.Equal(["v1"], (await storage.ReadAsync("other")).Records.Select(Text));

        // Converted in place: both are rowid tables now, and the head check still holds on the copied rows.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT group_concat(name || ':' || (sql LIKE '%WITHOUT ROWID%'), ',') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name);";
            Assert.Equal("journal_record:0,journal_snapshot:0,write_probe:0", command.ExecuteScalar());
        }

        await Assert.ThrowsAsync<JournalConflictException>(() => storage.AppendAsync("old-region", 2, [Record(3, "-stale")]));
        await storage.AppendAsync("old-region", 3, [Record(4)]);
        Assert.Equal(["v3", "v4"], (await storage.ReadAsync("old-region")).Records.Select(Text));

        // Opening the converted file again changes nothing.
        Assert.Equal(4, (await Open(old.Path, shareWriter: false).ReadAsync("old-region")).Head);
    }

    private SqliteJournalStorage Open(string directory, bool shareWriter = true)
    {
        var storage = new SqliteJournalStorage(
            new SqliteJournalOptions { DataDirectory = directory },
            Options.Create(new ClusterOptions { ServiceId = "journal-tests" }),
            shareWriter);
        _opened.Add(storage);
        return storage;
    }
}
