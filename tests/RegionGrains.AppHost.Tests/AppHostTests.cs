using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RegionGrains.AppHost.Tests;

/// <summary>The whole distributed application, started from the AppHost as a user would run it: three silos and the gateway in client mode.</summary>
public sealed class AppHostTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheWholeApplicationStartsAndAReservationSucceedsAcrossProcesses()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "regiongrains-apphost-tests", Guid.NewGuid().ToString("N"));
        using var cancel = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RegionGrains_AppHost>(
            [$"--RegionGrains:DataDirectory={dataDirectory}", "--RegionGrains:GatewayPort=0"],
            cancel.Token);
        await using var app = await builder.BuildAsync(cancel.Token);
        await app.StartAsync(cancel.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancel.Token);
        using var client = app.CreateHttpClient("gateway", "http");

        var ready = await client.GetAsync("/health/ready", cancel.Token);
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/health/ready answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync(cancel.Token)}");

        var reserved = await client.PostAsJsonAsync(
            "/api/regions/nl-amsterdam/reservations",
            new { reservationId = "apphost-1", resource = "racks", amount = 3 },
            cancel.Token);
        Assert.True(reserved.StatusCode == HttpStatusCode.Created, $"The reservation answered {(int)reserved.StatusCode}: {await reserved.Content.ReadAsStringAsync(cancel.Token)}");

        var region = JsonNode.Parse(await client.GetStringAsync("/api/regions/nl-amsterdam", cancel.Token))!;
        Assert.Equal(3, (long?)region["capacity"]!["racks"]!["reserved"]);

        var silos = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "silo");
        Assert.True(silos.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas));
        Assert.Equal(3, replicas.Replicas);
        var loadTest = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "loadtest");
        Assert.True(loadTest.TryGetLastAnnotation<ExplicitStartupAnnotation>(out _), "The load tester starts only on demand.");

        await app.StopAsync(cancel.Token);
        TryDelete(dataDirectory);
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
