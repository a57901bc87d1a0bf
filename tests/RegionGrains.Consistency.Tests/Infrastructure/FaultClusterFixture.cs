namespace RegionGrains.Consistency.Tests.Infrastructure;

/// <summary>
/// One local cluster of real processes on SQLite for the fault schedules: 3 silos, the cluster's gateway and a second
/// gateway, both in client mode.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    private LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster was not started.");

    /// <summary>The second gateway; replaced when a schedule kills it.</summary>
    public ClusterProcess? SecondGateway { get; set; }

    public HttpClient SecondHttp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var cluster = new LocalCluster(ClusterStore.Sqlite);
        try
        {
            await cluster.StartAsync();
            SecondGateway = await cluster.StartExtraGatewayAsync("gateway-2");
            SecondHttp = new HttpClient { BaseAddress = SecondGateway.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
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
        SecondHttp?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
