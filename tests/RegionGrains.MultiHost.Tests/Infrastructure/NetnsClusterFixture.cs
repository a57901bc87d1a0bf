namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>
/// One cluster of 3 silos, 2 gateways and a database in network namespaces, shared by the test classes of one
/// collection (one per store): starting a cluster costs tens of seconds, so the failover drills and the recorded
/// histories run on the same one, one class after the other.
/// </summary>
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

        _cluster = await NetnsCluster.UpAsync(Provider, silos: 3, gateways: 2);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
