namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>One cluster of real processes (3 silos, a gateway in client mode) per test class.</summary>
public abstract class ProcessClusterFixture : IAsyncLifetime
{
    private LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster was not started.");

    protected abstract ClusterStore Store { get; }

    /// <summary>False when the class's tests are all skipped and nothing was started.</summary>
    protected virtual bool ShouldStart => true;

    public async Task InitializeAsync()
    {
        if (!ShouldStart)
        {
            return;
        }

        var cluster = new LocalCluster(Store, Store == ClusterStore.Redis ? RedisServer.ConnectionString : null);

        // Regions' wake-up reminders tick every 5 s instead of every minute, so that a change whose time passed while
        // every process was down fires within seconds of the restart rather than up to a minute after it.
        cluster.Environment["RegionGrains__Regions__WakeUpPeriod"] = "00:00:05";
        try
        {
            await cluster.StartAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        _cluster = cluster;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
