using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;
using RegionGrains.Testing;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// The schedule through the API: 201 with Location and the change, the listing and one change, idempotent change ids,
/// cancel (204, 404, and 409 once fired), dry runs, and the validation of the body. Instants are days ahead, so nothing
/// fires while a test runs except where a test waits for it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ScheduleEndpointTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string Ahead(double days = 3) =>
        DateTimeOffset.UtcNow.AddDays(days).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task SchedulingAnswers201WithLocationAndTheChangeWhichTheListingAndItsAddressShow()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var at = Ahead();

        var response = await _client.PostAsJsonAsync($"/api/regions/{id}/schedule", new { changeId = "works", at, status = "Maintenance", reason = "planned works", capacity = new { gpus = 20 } });

        var created = await HttpAssert.Json(response, HttpStatusCode.Created);
        Assert.Equal($"/api/regions/{id}/schedule/works", response.Headers.Location?.OriginalString);
        Assert.Equal("works", (string?)created["changeId"]);
        Assert.Equal("Pending", (string?)created["state"]);
        Assert.Equal("Maintenance", (string?)created["status"]);
        Assert.Equal(20, (long?)created["capacity"]!["gpus"]);
        Assert.Equal(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), (DateTimeOffset?)created["at"]);
        var listed = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule"), HttpStatusCode.OK);
        Assert.Equal(["works"], listed.AsArray().Select(c => (string?)c!["changeId"]));
        var one = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule/works"), HttpStatusCode.OK);
        Assert.Equal("planned works", (string?)one["reason"]);

        // Nothing changed yet but the schedule itself.
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal("Online", (string?)region["status"]);
        Assert.Equal(10, (long?)region["capacity"]!["gpus"]!["total"]);
    }

    [Fact]
    public async Task TheChangeIdMakesARetryAnswerTheOriginalAndADifferentBodyUnderItAConflict()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var body = new { changeId = "once", at = Ahead(), capacity = new { gpus = 150 } };

        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/schedule", body), HttpStatusCode.Created);
        var replay = await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/schedule", body), HttpStatusCode.OK);
        await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/schedule", body with { capacity = new { gpus = 151 } }),
            HttpStatusCode.Conflict,
            "change-id-reused");

        Assert.Equal("once", (string?)replay["changeId"]);
        Assert.Single((await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule"), HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task CancellingAnswers204ThenTheChangeIsListedCancelledAndAnUnknownIdIs404()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/schedule", new { changeId = "c", at = Ahead(), status = "Offline", reason = "retire" }), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/regions/{id}/schedule/c?dryRun=true")).StatusCode);
        Assert.Equal("Pending", (string?)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule/c"), HttpStatusCode.OK))["state"]);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/regions/{id}/schedule/c")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/regions/{id}/schedule/c")).StatusCode);

        var cancelled = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule/c"), HttpStatusCode.OK);
        Assert.Equal("Cancelled", (string?)cancelled["state"]);
        await HttpAssert.Problem(await _client.DeleteAsync($"/api/regions/{id}/schedule/nope"), HttpStatusCode.NotFound, "scheduled-change-not-found");
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/schedule/nope"), HttpStatusCode.NotFound, "scheduled-change-not-found");
        await HttpAssert.Problem(await _client.GetAsync("/api/regions/no-such-region/schedule"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task AChangeThatFiredCannotBeCancelledAndTheHistorySaysWhoScheduledIt()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var at = DateTimeOffset.UtcNow.AddSeconds(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/schedule", new { changeId = "soon", at, capacity = new { gpus = 12 } }), HttpStatusCode.Created);

        // The gateway co-hosts the silo: its wake-up timer fires the change about two seconds on.
        var fired = await Eventually.Until(
            async () => (string?)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule/soon"), HttpStatusCode.OK))["state"],
            state => state != "Pending",
            TimeSpan.FromSeconds(20),
            "the scheduled change to fire");

        Assert.Equal("Fired", fired);
        await HttpAssert.Problem(await _client.DeleteAsync($"/api/regions/{id}/schedule/soon"), HttpStatusCode.Conflict, "scheduled-change-ended");
        var history = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/history?limit=2"), HttpStatusCode.OK);
        var capacitySet = history.AsArray().Select(e => e!).Single(e => (string?)e["kind"] == "CapacitySet");
        Assert.Equal("system", (string?)capacitySet["actor"]);
        Assert.Contains("scheduled by anonymous", (string?)capacitySet["detail"]);
    }

    [Theory]
    [InlineData("{\"at\":\"2001-01-01T00:00:00Z\",\"capacity\":{\"gpus\":1}}", "at")]
    [InlineData("{\"at\":\"2030-01-01T00:00:00\",\"capacity\":{\"gpus\":1}}", "at")]
    [InlineData("{\"capacity\":{\"gpus\":1}}", "at")]
    [InlineData("{\"at\":\"AHEAD\"}", "status")]
    [InlineData("{\"at\":\"AHEAD\",\"status\":\"Offline\"}", "reason")]
    [InlineData("{\"at\":\"AHEAD\",\"capacity\":{}}", "capacity")]
    [InlineData("{\"at\":\"AHEAD\",\"capacity\":{\"GPUS\":1}}", "capacity")]
    [InlineData("{\"at\":\"AHEAD\",\"capacity\":{\"gpus\":1},\"changeId\":\"bad id\"}", "changeId")]
    public async Task AnInvalidBodyIsA400NamingTheFieldAndStoresNothing(string json, string field)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var content = new StringContent(json.Replace("AHEAD", Ahead(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        var problem = await HttpAssert.Problem(await _client.PostAsync($"/api/regions/{id}/schedule", content), HttpStatusCode.BadRequest, "validation");

        Assert.Contains(field, HttpAssert.ErrorFields(problem));
        Assert.Empty((await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule"), HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task ADryRunAnswersTheChangeAndStoresNothing()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var response = await _client.PostAsJsonAsync($"/api/regions/{id}/schedule?dryRun=true", new { changeId = "dry", at = Ahead(), capacity = new { gpus = 5 } });

        await HttpAssert.Json(response, HttpStatusCode.Created);
        Assert.Empty((await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/schedule"), HttpStatusCode.OK)).AsArray());
        await HttpAssert.Problem(await _client.PostAsJsonAsync("/api/regions/no-such-region/schedule", new { at = Ahead(), capacity = new { gpus = 5 } }), HttpStatusCode.NotFound, "region-not-found");
    }
}
