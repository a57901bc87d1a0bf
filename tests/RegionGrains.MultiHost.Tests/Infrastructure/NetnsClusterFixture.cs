namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>One cluster of 3 silos, a gateway and a database in network namespaces per test class.</summary>
public abstract class NetnsClusterFixture : IAsyncLifetime
{
    private NetnsCluster? _cluster;

    public NetnsCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster was not started.");

    /// <summary>cluster.sh's --provider: postgres or redis.</summary>
    protected abstract string Provider { get; }

    public async Task InitializeAsync()
    {
        if (Netns.SkipReason is not null)
        {
            return;
        }

        _cluster = await NetnsCluster.UpAsync(Provider);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
