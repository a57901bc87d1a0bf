using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using RegionGrains.Sqlite.Storage;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Storage;

public sealed class SqliteGrainStorageClusterTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private readonly string _serviceId = $"storage-cluster-{Guid.NewGuid():N}";

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task GrainStateSurvivesAFullClusterRestart()
    {
        await using (var cluster = await StartClusterAsync())
        {
            var grain = cluster.Client.GetGrain<ICounterGrain>("br-sao-paulo");
            await grain.IncrementAsync("racks");
            Assert.Equal(2, await grain.IncrementAsync("gpus"));
            await cluster.StopAllSilosAsync();
        }

        await using var restarted = await StartClusterAsync();
        var state = await restarted.Client.GetGrain<ICounterGrain>("br-sao-paulo").GetAsync();

        Assert.Equal(2, state.Count);
        Assert.Equal(["racks", "gpus"], state.Items);
        Assert.True(File.Exists(Path.Combine(_directory.Path, SqliteStorageOptions.DefaultDatabaseFileName)), "the silo did not write the SQLite file");
        Assert.IsType<SqliteGrainStorage>(restarted.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(CounterGrain.StorageName));
    }

    [Fact]
    public async Task ClearedGrainStateStaysClearedAfterARestart()
    {
        await using (var cluster = await StartClusterAsync())
        {
            var grain = cluster.Client.GetGrain<ICounterGrain>("fr-paris");
            await grain.IncrementAsync("power_kw");
            await grain.ClearAsync();
            await cluster.StopAllSilosAsync();
        }

        await using var restarted = await StartClusterAsync();
        var state = await restarted.Client.GetGrain<ICounterGrain>("fr-paris").GetAsync();

        Assert.Equal(0, state.Count);
        Assert.Empty(state.Items);
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(1);
        // A fixed service id across restarts, as a real deployment has; state rows are keyed by it.
        builder.Options.ServiceId = _serviceId;
        builder.Options.ClusterId = _serviceId;
        builder.Properties[SqliteStorageSiloConfigurator.DataDirectoryKey] = _directory.Path;
        builder.AddSiloBuilderConfigurator<SqliteStorageSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
