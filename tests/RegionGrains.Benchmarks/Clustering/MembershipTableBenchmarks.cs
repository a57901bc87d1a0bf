using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Sqlite.Clustering;

namespace RegionGrains.Benchmarks.Clustering;

/// <summary>
/// The SQLite membership table's operations on a file in the temp folder holding five silos: what a silo pays for
/// its heartbeat (every 5 s), a table refresh (every 5 s) and a membership change. Writes fsync (synchronous=FULL).
/// </summary>
[MemoryDiagnoser]
public class MembershipTableBenchmarks : IDisposable
{
    private const int Silos = 5;

    private readonly List<MembershipEntry> _entries = [];
    private string _directory = null!;
    private SqliteMembershipTable _table = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"regiongrains-membership-{Guid.NewGuid():N}");
        _table = new SqliteMembershipTable(
            Options.Create(new SqliteClusteringOptions { DataDirectory = _directory }),
            Options.Create(new ClusterOptions { ClusterId = "micro", ServiceId = "micro" }));
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        for (var i = 0; i < Silos; i++)
        {
            var entry = new MembershipEntry
            {
                SiloAddress = SiloAddress.New(IPAddress.Loopback, 11_111 + i, 1),
                Status = SiloStatus.Active,
                SiloName = $"silo-{i}",
                HostName = "localhost",
                ProxyPort = 30_000 + i,
                StartTime = DateTime.UtcNow,
                IAmAliveTime = DateTime.UtcNow,
                SuspectTimes = [],
            };
            var data = await _table.ReadAllAsync(CancellationToken.None);
            if (!await _table.InsertRowAsync(entry, data.Version.Next(), CancellationToken.None))
            {
                throw new InvalidOperationException($"Could not insert {entry.SiloAddress}.");
            }

            _entries.Add(entry);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose()
    {
        _table?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A silo's periodic refresh of the whole table, and a client's gateway list refresh.</summary>
    [Benchmark]
    public Task<MembershipTableData> ReadAll() => _table.ReadAllAsync(CancellationToken.None);

    /// <summary>A silo's heartbeat: one column of its own row.</summary>
    [Benchmark]
    public Task UpdateIAmAlive()
    {
        var entry = _entries[_next++ % Silos];
        entry.IAmAliveTime = DateTime.UtcNow;
        return _table.UpdateIAmAliveAsync(entry, CancellationToken.None);
    }

    /// <summary>A membership change as Orleans makes it: read the table, then write one row at the next version.</summary>
    [Benchmark]
    public async Task<bool> ReadAllThenUpdateRow()
    {
        var data = await _table.ReadAllAsync(CancellationToken.None);
        var row = data.TryGet(_entries[_next++ % Silos].SiloAddress)
            ?? throw new InvalidOperationException("A silo's row went missing.");
        return await _table.UpdateRowAsync(row.Item1, row.Item2, data.Version.Next(), CancellationToken.None);
    }
}
