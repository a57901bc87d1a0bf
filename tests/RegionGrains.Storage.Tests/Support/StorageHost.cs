using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using RegionGrains.Sqlite.Storage;

namespace RegionGrains.Storage.Tests.Support;

/// <summary>
/// A SQLite grain storage provider resolved from a container the way a silo registers it, without a silo.
/// Each instance stands for one process: two hosts on one directory share only the database file.
/// </summary>
public sealed class StorageHost : IAsyncDisposable
{
    public const string ServiceId = "storage-tests";
    public const string ProviderName = "test-store";

    private readonly ServiceProvider _services;

    public StorageHost(string dataDirectory, string providerName = ProviderName)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        services.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = ServiceId;
            o.ClusterId = ServiceId;
        });
        services.AddSqliteGrainStorage(providerName, o => o.DataDirectory = dataDirectory);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Storage = _services.GetRequiredKeyedService<IGrainStorage>(providerName);
    }

    public IGrainStorage Storage { get; }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
