using Orleans.TestingHost;
using RegionGrains.Sqlite.Storage;

namespace RegionGrains.Storage.Tests.Support;

/// <summary>Gives test silos SQLite grain storage in the directory the test put in the cluster's properties.</summary>
public sealed class SqliteStorageSiloConfigurator : ISiloConfigurator
{
    public const string DataDirectoryKey = "StorageTests:DataDirectory";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var dataDirectory = siloBuilder.Configuration[DataDirectoryKey]
            ?? throw new InvalidOperationException($"The test cluster has no '{DataDirectoryKey}' property.");
        siloBuilder.AddSqliteGrainStorage(CounterGrain.StorageName, o => o.DataDirectory = dataDirectory);
    }
}
