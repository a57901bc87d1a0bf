using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using RegionGrains.Abstractions;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Sqlite.Journal;
using RegionGrains.Grains.Catalog;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>A real two-silo cluster on the SQLite journal, shared by the tests of one collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "regiongrains-grain-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The grains' clock; Orleans' own clock is left alone.</summary>
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A silo still closing its database: the temp folder is left for the OS to clean.
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddRemoteExceptions();
            silo.AddSqliteJournal(StorageNames.Regions + ".sqlite", o => o.DataDirectory = DataDirectory);
            silo.Services.AddKeyedSingleton<IJournalStorage>(
                StorageNames.Regions,
                (sp, _) => new FaultInjectingJournal(sp.GetRequiredKeyedService<IJournalStorage>(StorageNames.Regions + ".sqlite")));

            // Snapshots every few changes, so that activations in these tests replay snapshot plus tail.
            silo.Services.Configure<RegionJournalOptions>(o => o.SnapshotEvery = 16);
            silo.Services.AddKeyedSingleton<TimeProvider>(GrainClock.Key, Clock);
            silo.Services.AddRegionGrains();
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter<CoordinatorFaults>();
            silo.AddIncomingGrainCallFilter<FootprintProbe>();
            silo.Services.Configure<CatalogOptions>(o => o.Seed = false);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.Services.AddRemoteExceptions();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
