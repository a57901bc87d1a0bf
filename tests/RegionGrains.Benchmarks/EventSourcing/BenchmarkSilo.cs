using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RegionGrains.Abstractions;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Journal;
using RegionGrains.Sqlite.Journal;

namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>
/// One silo in this process on free loopback ports, with the region journal (in memory or in a SQLite file in a
/// temporary folder) and the custom-storage log-consistency provider, for both grains of <see cref="CommitPathBenchmarks"/>.
/// </summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private BenchmarkSilo(IHost host, string directory)
    {
        _host = host;
        _directory = directory;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="journal"><c>memory</c> or <c>sqlite</c>.</param>
    public static async Task<BenchmarkSilo> StartAsync(string journal)
    {
        var directory = Path.Combine(Path.GetTempPath(), "regiongrains-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "bench", clusterId: "bench-" + Guid.NewGuid().ToString("N")[..8]);
            silo.AddCustomStorageBasedLogConsistencyProvider(JournaledRegionGrain.ProviderName);
            switch (journal)
            {
                case "memory":
                    silo.Services.AddKeyedSingleton<IJournalStorage>(StorageNames.Regions, new InMemoryJournalStorage());
                    break;
                case "sqlite":
                    silo.AddSqliteJournal(StorageNames.Regions, o => o.DataDirectory = directory);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(journal), journal, "Expected memory or sqlite.");
            }

            silo.Services.AddOptions<RegionGrainOptions>();
            silo.Services.AddOptions<RegionJournalOptions>();
            silo.Services.AddSingleton<RegionJournal>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkSilo(host, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
