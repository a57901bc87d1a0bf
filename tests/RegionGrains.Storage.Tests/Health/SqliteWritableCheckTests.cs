using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Sqlite;
using RegionGrains.Sqlite.Journal;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Health;

/// <summary>
/// The SQLite readiness check in one process. A full or read-only disk is checked on a real mount, with a process
/// (tests/RegionGrains.Cluster.Tests/StorageFaults); here the cause of a failed write is another connection's lock.
/// </summary>
public sealed class SqliteWritableCheckTests : IAsyncLifetime, IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private SqliteJournalStorage _journal = null!;

    public Task InitializeAsync()
    {
        var options = new SqliteJournalOptions { DataDirectory = _directory.Path, BusyTimeout = TimeSpan.FromMilliseconds(200) };
        _journal = new SqliteJournalStorage(options, Options.Create(new ClusterOptions { ServiceId = "check" }));
        _journal.EnsureCreated();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AFileThatTakesWritesIsReady()
    {
        var result = await new SqliteWritableCheck(_journal).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(_journal.DatabasePath, result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatRefusesWritesIsNotReadyAndSaysWhyThenReadyAgainOnceItTakesThem()
    {
        var check = new SqliteWritableCheck(_journal);
        using (var holder = new SqliteConnection($"Data Source={_journal.DatabasePath};Pooling=False"))
        {
            holder.Open();
            using var transaction = holder.BeginTransaction(deferred: false);

            var refused = await check.CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Unhealthy, refused.Status);
            Assert.Equal($"The data file '{_journal.DatabasePath}' cannot be written: SQLite Error 5: 'database is locked'.", refused.Description);
        }

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    public void Dispose() => _directory.Dispose();
}
