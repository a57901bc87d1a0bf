using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Site kinds on data written before they existed (the committed Fixtures/legacy-whole-state directory, see
/// <see cref="MigrationTests"/>), and the catalog's service centers across restarts.
/// </summary>
public sealed class SiteKindMigrationTests
{
    private static readonly string[] ServiceCenters = ["de-frankfurt-support", "id-jakarta-support"];

    [Fact]
    public async Task OldDataOpensAsDataCentersAndTheCatalogsServiceCentersAreSeededOnceNotAgainAfterAChange()
    {
        var directory = GatewayFactory.NewDataDirectory();
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-whole-state", "regiongrains.db"), Path.Combine(directory, "regiongrains.db"));
        var frankfurt = new
        {
            displayName = "Germany service center (Frankfurt)",
            countryCode = "DE",
            geography = "Europe",
            latitude = 50.1213,
            longitude = 8.6534,
            kind = "ServiceCenter",
            languages = new[] { "de", "en" },
            supportHours = "Mo-Fr 08:00-18:00 Europe/Berlin",
        };
        long changedVersion;

        await using (var first = new GatewayFactory(directory))
        {
            var client = first.CreateClient();
            var regions = await Regions(client);

            // Every region written before kinds existed reads as a data center, with no site fields.
            var old = regions.Where(r => !ServiceCenters.Contains((string?)r["id"])).ToArray();
            Assert.Contains(old, r => (string?)r["id"] == "zz-legacy");
            Assert.Contains(old, r => (string?)r["id"] == "de-frankfurt");
            Assert.All(old, r =>
            {
                Assert.Equal("DataCenter", (string?)r["kind"]);
                Assert.Empty(r["languages"]!.AsArray());
                Assert.Null(r["supportHours"]);
            });

            // ... and behaves as one: its capacity can still be set.
            (await client.PutAsJsonAsync("/api/regions/zz-legacy/capacity/racks", new { total = 5 })).EnsureSuccessStatusCode();

            // The catalog entries the old directory lacked are seeded on this start, as they were announced.
            foreach (var id in ServiceCenters)
            {
                var seeded = regions.Single(r => (string?)r["id"] == id);
                Assert.Equal("ServiceCenter", (string?)seeded["kind"]);
                Assert.Equal("Online", (string?)seeded["status"]);
                Assert.Equal("24/7", (string?)seeded["supportHours"]);
                Assert.Equal(1, (long?)seeded["version"]);
            }

            var changed = await HttpAssert.Json(await client.PutAsJsonAsync("/api/regions/de-frankfurt-support", frankfurt), HttpStatusCode.OK);
            Assert.Equal(2, (long?)changed["version"]);
            var moved = await HttpAssert.Json(
                await client.PostAsJsonAsync("/api/regions/de-frankfurt-support/status", new { status = "Maintenance", reason = "moving floors" }), HttpStatusCode.OK);
            changedVersion = (long)moved["version"]!;
        }

        await using (var second = new GatewayFactory(directory))
        {
            var client = second.CreateClient();

            // Not re-seeded: the change stands, at the same version.
            var region = await HttpAssert.Json(await client.GetAsync("/api/regions/de-frankfurt-support"), HttpStatusCode.OK);
            Assert.Equal(changedVersion, (long?)region["version"]);
            Assert.Equal("Maintenance", (string?)region["status"]);
            Assert.Equal(["de", "en"], region["languages"]!.AsArray().Select(l => (string)l!));
            Assert.Equal("Mo-Fr 08:00-18:00 Europe/Berlin", (string?)region["supportHours"]);

            var jakarta = await HttpAssert.Json(await client.GetAsync("/api/regions/id-jakarta-support"), HttpStatusCode.OK);
            Assert.Equal(1, (long?)jakarta["version"]);

            var legacy = await HttpAssert.Json(await client.GetAsync("/api/regions/zz-legacy"), HttpStatusCode.OK);
            Assert.Equal("DataCenter", (string?)legacy["kind"]);
            Assert.Equal(5, (long?)legacy["capacity"]!["racks"]!["total"]);
        }

        Directory.Delete(directory, recursive: true);
    }

    private static async Task<JsonObject[]> Regions(HttpClient client) =>
        [.. (await HttpAssert.Json(await client.GetAsync("/api/regions"), HttpStatusCode.OK)).AsArray().Select(r => r!.AsObject())];
}
