using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;
using RegionGrains.Testing;

namespace RegionGrains.Gateway.Tests;

/// <summary>Events out across a restart of the gateway and its co-hosted silo, on the same data directory.</summary>
public sealed class EventsAcrossRestartTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AStreamResumesAndPendingWebhooksAreDeliveredAfterARestart()
    {
        var directory = GatewayFactory.NewDataDirectory();
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await receiver.StopAsync();
        string id;
        string rule;
        var expected = new List<string>();
        RegionEventFollower follower;
        await using (var before = new WebhookGateway(directory))
        {
            var client = before.CreateClient();
            id = await Api.CreateOnlineRegionAsync(client);
            rule = $"restart-{id}";
            (await client.PutAsJsonAsync($"/api/event-rules/{rule}", WebhookTests.Rule(receiver.Url, id))).EnsureSuccessStatusCode();
            follower = new RegionEventFollower(client, id, after: 0, seed: 3);
            for (var i = 0; i < 4; i++)
            {
                var reserved = await client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = $"r-{i}", resource = "gpus", amount = 1 });
                Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
                expected.Add($"{rule}:{id}:{(long)(await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!}");
            }

            await follower.FollowUntilAsync(3, Bound);
        }

        await using var after = new WebhookGateway(directory);
        var restarted = after.CreateClient();
        var resumed = new RegionEventFollower(restarted, id, follower.Last, seed: 4);
        await receiver.StartAsync();
        (await restarted.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "r-after", resource = "gpus", amount = 1 })).EnsureSuccessStatusCode();
        var head = (long)(await HttpAssert.Json(await restarted.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!;
        expected.Add($"{rule}:{id}:{head}");

        await resumed.FollowUntilAsync(head, Bound);
        Assert.Equal(Enumerable.Range(1, (int)head).Select(v => (long)v), follower.Versions.Concat(resumed.Versions));
        var received = await receiver.WaitUntilAsync([], r => expected.All(e => r.Any(x => x.Id == e)), Bound, "every event, those made before the restart too");
        Assert.Equal(expected, received.Select(r => r.Id).Distinct());
    }
}
