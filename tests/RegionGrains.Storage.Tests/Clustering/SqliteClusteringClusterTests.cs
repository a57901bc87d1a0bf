using Orleans.TestingHost;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Clustering;

public sealed class SqliteClusteringClusterTests : IDisposable
{
    private static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDataDirectory _directory = new();
    private readonly string _clusterId = $"sqlite-cluster-{Guid.NewGuid():N}";

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TwoSilosJoinThroughTheTableAndBothBecomeActive()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        await using var table = MembershipTables.Create(_directory.Path, _clusterId);

        var expected = cluster.Silos.Select(s => s.SiloAddress).ToHashSet();
        await WaitForAsync(
            async () => (await table.ReadAllAsync(CancellationToken.None)).Members
                .Where(m => m.Item1.Status == SiloStatus.Active)
                .Select(m => m.Item1.SiloAddress)
                .ToHashSet()
                .SetEquals(expected),
            $"both silos {string.Join(", ", expected)} Active in the SQLite membership table");

        // The client found a gateway through the same table.
        Assert.Equal(1, await cluster.Client.GetGrain<ICounterGrain>("nl-amsterdam").IncrementAsync("racks"));
    }

    [Fact]
    public async Task AStoppedSiloIsMarkedDeadAndTheOtherCarriesOn()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        await using var table = MembershipTables.Create(_directory.Path, _clusterId);
        var stopped = cluster.Silos[1];
        var survivor = cluster.Silos[0];

        await cluster.StopSiloAsync(stopped);

        await WaitForAsync(
            async () =>
            {
                var members = (await table.ReadAllAsync(CancellationToken.None)).Members.ToDictionary(m => m.Item1.SiloAddress, m => m.Item1.Status);
                return members.GetValueOrDefault(stopped.SiloAddress) == SiloStatus.Dead
                    && members.GetValueOrDefault(survivor.SiloAddress) == SiloStatus.Active;
            },
            $"{stopped.SiloAddress} Dead and {survivor.SiloAddress} still Active");
        Assert.Equal(1, await cluster.Client.GetGrain<ICounterGrain>("jp-tokyo").IncrementAsync("gpus"));
    }

    private async Task<TestCluster> StartClusterAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ClusterId = _clusterId;
        builder.Options.ServiceId = _clusterId;
        // The silos must meet through the SQLite table rather than the test host's own in-memory membership.
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[SqliteStorageSiloConfigurator.DataDirectoryKey] = _directory.Path;
        builder.AddSiloBuilderConfigurator<SqliteClusteringSiloConfigurator>();
        builder.AddClientBuilderConfigurator<SqliteClusteringClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// Polls the membership table until <paramref name="condition"/> holds. The table is the provider under test and
    /// the oracle: what the silos wrote is known only by reading it back, and a SQLite table tells no one when it changes.
    /// </summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string awaited)
    {
        using var timeout = new CancellationTokenSource(MembershipTimeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            try
            {
                await poll.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {MembershipTimeout.TotalSeconds} s waiting for {awaited}.");
            }
        }
    }
}
