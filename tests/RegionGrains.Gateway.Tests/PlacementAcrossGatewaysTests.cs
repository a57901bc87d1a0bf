using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Two gateways on one cluster: two embedded gateways on the same data directory are two silos of one cluster (the
/// SQLite membership table lives in that directory). A placement made through one is found by a replay through the
/// other, because the placement is remembered per reservation id in the cluster, not in the gateway.
/// </summary>
public sealed class PlacementAcrossGatewaysTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AReplayThroughTheOtherGatewayAnswersTheRegionTheFirstOneChose()
    {
        var directory = GatewayFactory.NewDataDirectory();
        await using (var first = new GatewayFactory(directory))
        await using (var second = new GatewayFactory(directory))
        {
            await PlaceThroughOneAndReplayThroughTheOtherAsync(first, second);
        }

        Directory.Delete(directory, recursive: true);
    }

    private static async Task PlaceThroughOneAndReplayThroughTheOtherAsync(GatewayFactory gateway, GatewayFactory otherGateway)
    {
        var one = gateway.CreateClient();
        var other = otherGateway.CreateClient();
        var hosts = await otherGateway.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.True(hosts.Count == 2, $"The two gateways should be two silos of one cluster; active silos: {string.Join(", ", hosts.Keys)}");
        var tag = Sites.NewTag();
        var resource = $"x{tag}";
        Site[] sites =
        [
            new($"px-{tag}-a", "Online", "Europe", 48.85, 2.35, new Dictionary<string, SitePool> { [resource] = new(10) }),
            new($"px-{tag}-b", "Online", "Americas", -23.55, -46.63, new Dictionary<string, SitePool> { [resource] = new(10, 5) }),
        ];
        await Sites.CreateAllAsync(one, sites);
        await Sites.WaitUntilPartitionsShowAsync(one, sites, Settle);
        var first = new { reservationId = $"one-{tag}", resources = new Dictionary<string, long> { [resource] = 4 }, policy = "pack" };
        var second = new { reservationId = $"other-{tag}", resources = new Dictionary<string, long> { [resource] = 2 }, policy = "spread" };

        var createdThroughOne = await one.PostAsJsonAsync("/api/placement/reservations", first);
        var createdThroughOther = await other.PostAsJsonAsync("/api/placement/reservations", second);
        var heldByOne = await HttpAssert.Json(createdThroughOne, HttpStatusCode.Created);
        var heldByOther = await HttpAssert.Json(createdThroughOther, HttpStatusCode.Created);

        var replayedThroughOther = await HttpAssert.Json(await other.PostAsJsonAsync("/api/placement/reservations", first), HttpStatusCode.OK);
        var replayedThroughOne = await HttpAssert.Json(await one.PostAsJsonAsync("/api/placement/reservations", second), HttpStatusCode.OK);
        var reusedThroughOther = await other.PostAsJsonAsync("/api/placement/reservations", first with { policy = "spread" });

        Assert.Equal(sites[1].Id, (string?)heldByOne["regionId"]);
        Assert.Equal(sites[0].Id, (string?)heldByOther["regionId"]);
        Assert.Equal(heldByOne.ToJsonString(), replayedThroughOther.ToJsonString());
        Assert.Equal(heldByOther.ToJsonString(), replayedThroughOne.ToJsonString());
        await HttpAssert.Problem(reusedThroughOther, HttpStatusCode.Conflict, "reservation-id-reused");
        var regions = await Task.WhenAll(sites.Select(async s => await HttpAssert.Json(await other.GetAsync($"/api/regions/{s.Id}"), HttpStatusCode.OK)));
        Assert.Equal(2, (long?)regions[0]["capacity"]![resource]!["reserved"]);
        Assert.Equal(5 + 4, (long?)regions[1]["capacity"]![resource]!["reserved"]);
    }
}
