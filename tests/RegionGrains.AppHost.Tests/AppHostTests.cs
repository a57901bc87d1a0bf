using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using RegionGrains.Testing;

namespace RegionGrains.AppHost.Tests;

/// <summary>The whole distributed application, started from the AppHost as a user would run it: silos and the gateway in client mode.</summary>
public sealed class AppHostTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheWholeApplicationStartsAndAReservationSucceedsAcrossProcesses()
    {
        await RunAsync([], async (builder, app, client, cancellationToken) =>
        {
            await ReserveAcrossProcessesAsync(client, cancellationToken);

            var silos = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "silo");
            Assert.True(silos.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas));
            Assert.Equal(3, replicas.Replicas);
            var loadTest = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "loadtest");
            Assert.True(loadTest.TryGetLastAnnotation<ExplicitStartupAnnotation>(out _), "The load tester starts only on demand.");
        });
    }

    [RedisServerFact]
    public async Task WithTheRedisOptionTheClusterKeepsItsStateInARedisServerItStarts()
    {
        var port = FreeTcpPort.Next();
        await RunAsync(["--RegionGrains:Provider=Redis", $"--RegionGrains:RedisPort={port}", "--RegionGrains:Silos=2"], async (builder, app, client, cancellationToken) =>
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", cancellationToken);
            await ReserveAcrossProcessesAsync(client, cancellationToken);

            var keys = await RedisDbSizeAsync(port, cancellationToken);
            Assert.True(keys > 0, $"The Redis server on port {port} holds no keys, so the cluster did not store its state there.");
        });
    }

    private static async Task RunAsync(
        string[] arguments,
        Func<IDistributedApplicationTestingBuilder, DistributedApplication, HttpClient, CancellationToken, Task> test)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "regiongrains-apphost-tests", Guid.NewGuid().ToString("N"));
        using var cancel = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RegionGrains_AppHost>(
            [$"--RegionGrains:DataDirectory={dataDirectory}", "--RegionGrains:GatewayPort=0", .. arguments],
            cancel.Token);
        await using (var app = await builder.BuildAsync(cancel.Token))
        {
            await app.StartAsync(cancel.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancel.Token);
            using var client = app.CreateHttpClient("gateway", "http");
            await test(builder, app, client, cancel.Token);
            await app.StopAsync(cancel.Token);
        }

        TryDelete(dataDirectory);
    }

    private static async Task ReserveAcrossProcessesAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var ready = await client.GetAsync("/health/ready", cancellationToken);
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/health/ready answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync(cancellationToken)}");

        var reserved = await client.PostAsJsonAsync(
            "/api/regions/nl-amsterdam/reservations",
            new { reservationId = "apphost-1", resource = "racks", amount = 3 },
            cancellationToken);
        Assert.True(reserved.StatusCode == HttpStatusCode.Created, $"The reservation answered {(int)reserved.StatusCode}: {await reserved.Content.ReadAsStringAsync(cancellationToken)}");

        var region = JsonNode.Parse(await client.GetStringAsync("/api/regions/nl-amsterdam", cancellationToken))!;
        Assert.Equal(3, (long?)region["capacity"]!["racks"]!["reserved"]);
    }

    /// <summary>Asks the Redis server how many keys it holds, in its own protocol (RESP), without a client library.</summary>
    private static async Task<long> RedisDbSizeAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("DBSIZE\r\n"u8.ToArray(), cancellationToken);
        using var reader = new StreamReader(stream);
        var reply = await reader.ReadLineAsync(cancellationToken);
        Assert.True(reply is [':', ..], $"Unexpected Redis reply to DBSIZE: {reply}");
        return long.Parse(reply.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
    }


    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing the database; the temp folder is left to the OS.
        }
    }
}
