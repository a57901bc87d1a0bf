using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task StateSurvivesARestartOnTheSameDataDirectoryAndTheCatalogDoesNotOverwriteIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "regiongrains-durability", Guid.NewGuid().ToString("N"));
        string id;
        await using (var first = new GatewayFactory(directory))
        {
            var client = first.CreateClient();
            id = await Api.CreateOnlineRegionAsync(client, total: 50);
            (await client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "kept", resource = "gpus", amount = 12 })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/regions/br-sao-paulo/status", new { status = "Online", reason = "launched" })).EnsureSuccessStatusCode();
        }

        await using (var second = new GatewayFactory(directory))
        {
            var client = second.CreateClient();
            var region = await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
            Assert.Equal(12, (long?)region["capacity"]!["gpus"]!["reserved"]);
            Assert.Equal("Online", (string?)region["status"]);

            var replay = await client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "kept", resource = "gpus", amount = 12 });
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);

            var saoPaulo = await HttpAssert.Json(await client.GetAsync("/api/regions/br-sao-paulo"), HttpStatusCode.OK);
            Assert.Equal("Online", (string?)saoPaulo["status"]);
        }

        Directory.Delete(directory, recursive: true);
    }
}
