using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using RegionGrains.Sqlite.Clustering;
using RegionGrains.Sqlite.Storage;

namespace RegionGrains.Storage.Tests.Support;

/// <summary>Test silos find each other through the SQLite membership table in the directory the test put in the cluster's properties.</summary>
public sealed class SqliteClusteringSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var dataDirectory = siloBuilder.Configuration[SqliteStorageSiloConfigurator.DataDirectoryKey]
            ?? throw new InvalidOperationException($"The test cluster has no '{SqliteStorageSiloConfigurator.DataDirectoryKey}' property.");
        siloBuilder.UseSqliteClustering(o => o.DataDirectory = dataDirectory);
        siloBuilder.AddSqliteGrainStorage(CounterGrain.StorageName, o => o.DataDirectory = dataDirectory);
    }
}

/// <summary>The test client finds the silos' gateways in the same SQLite membership table.</summary>
public sealed class SqliteClusteringClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var dataDirectory = configuration[SqliteStorageSiloConfigurator.DataDirectoryKey]
            ?? throw new InvalidOperationException($"The test cluster has no '{SqliteStorageSiloConfigurator.DataDirectoryKey}' property.");
        clientBuilder.UseSqliteClustering(o => o.DataDirectory = dataDirectory);
    }
}
