using System.Net;
using RegionGrains.Cluster.Tests.Infrastructure;

namespace RegionGrains.Cluster.Tests;

/// <summary>
/// The Redis store's connection, on a Redis server of the test's own that can be stopped: a silo and a gateway each
/// keep one connection (membership, reminders, the journal and the readiness check share it), and a silo's readiness
/// follows the server, down and back, without a restart.
/// </summary>
public sealed class RedisConnectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [PrivateRedisFact]
    public async Task EachProcessKeepsOneConnectionAndASilosReadinessFollowsTheServer()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        var clientName = $"rg-{Guid.NewGuid():N}"[..16];
        await using var cluster = new LocalCluster(ClusterStore.Redis, redis.ConnectionString(clientName));
        var silo = await cluster.StartSiloAsync();
        await cluster.StartGatewayAsync();
        await cluster.WaitUntilServingAsync();
        using var siloHttp = new HttpClient { BaseAddress = silo.HttpAddress, Timeout = TimeSpan.FromSeconds(10) };

        // Every user of Redis in the silo has had its turn: membership and reminders at start-up, the journal with a
        // write, the readiness check with a probe.
        await cluster.Http.CreateAcceptingRegionAsync("conn-1", "vcpu", 10);
        Assert.Equal(HttpStatusCode.OK, (await siloHttp.GetAsync("/health/ready")).StatusCode);

        // One StackExchange.Redis multiplexer holds two connections: commands and subscriptions.
        var clients = await redis.CountClientsAsync(clientName);
        output.WriteLine($"connections named {clientName}: {clients} (silo and gateway)");
        Assert.True(clients <= 4, $"A silo and a gateway should hold one multiplexer each (two connections apiece); the server has {clients} connections of theirs.");

        await redis.StopAsync();
        await Eventually.Until(() => ReadinessAsync(siloHttp), status => status == HttpStatusCode.ServiceUnavailable, Patience, "the silo's /health/ready to answer 503 with its Redis server stopped", () => silo.Tail());

        await redis.StartAgainAsync();
        await Eventually.Until(() => ReadinessAsync(siloHttp), status => status == HttpStatusCode.OK, Patience, "the silo's /health/ready to answer 200 once its Redis server is back", () => silo.Tail());
        var region = await Eventually.Until(
            async () => (await cluster.Http.GetAsync("/api/regions/conn-1")).StatusCode,
            status => status == HttpStatusCode.OK,
            Patience,
            "the region written before the outage to be served again",
            () => silo.Tail());
        Assert.Equal(HttpStatusCode.OK, region);
        // No process opened another connection through the outage (the gateway may still be reconnecting its own).
        var after = await redis.CountClientsAsync(clientName);
        Assert.True(after <= clients, $"After the outage the server has {after} connections of theirs, more than the {clients} before it.");
    }

    private static async Task<HttpStatusCode> ReadinessAsync(HttpClient silo) => (await silo.GetAsync("/health/ready")).StatusCode;
}
