using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// <c>?dryRun=true</c> on every region write: the answer is the one the write gives (status, body, ETag, Location),
/// shown by making the same write for real right after, and nothing is stored (the region's GET body and ETag stay).
/// Bodies are compared without the times they were answered at, which differ between the two calls by nature.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DryRunTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ADryRunCreationAnswersTheCreationAndTheRegionStillDoesNotExist()
    {
        var id = Api.NewRegionId();

        var dry = await _client.PutAsJsonAsync($"/api/regions/{id}?dryRun=true", Api.Definition("Rehearsed"));
        var rehearsed = await HttpAssert.Json(dry, HttpStatusCode.Created);

        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.NotFound, "region-not-found");
        Assert.DoesNotContain(id, (await HttpAssert.Json(await _client.GetAsync($"/api/regions?after={id[..^1]}&limit=5"), HttpStatusCode.OK)).AsArray().Select(r => (string?)r!["id"]));
        var real = await _client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition("Rehearsed"));
        await AssertSameAnswerAsync(dry, rehearsed, real, HttpStatusCode.Created);
        Assert.Equal("Planned", (string?)rehearsed["status"]);
    }

    [Fact]
    public async Task ADryRunRedefinitionAnswersTheNewDefinitionAndTheRegionKeepsItsOwn()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var (before, etag) = await ReadAsync(id);

        var dry = await _client.PutAsJsonAsync($"/api/regions/{id}?dryRun=true", Api.Definition("Renamed"));
        var rehearsed = await HttpAssert.Json(dry, HttpStatusCode.OK);

        Assert.Equal("Renamed", (string?)rehearsed["displayName"]);
        Assert.Equal($"\"{(long)before["version"]! + 1}\"", dry.Headers.ETag?.Tag);
        await AssertUnchangedAsync(id, before, etag);
        await AssertSameAnswerAsync(dry, rehearsed, await _client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition("Renamed")), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ADryRunStatusChangeAnswersTheMoveAndTheRegionStays()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var (before, etag) = await ReadAsync(id);
        var body = new { status = "Maintenance", reason = "rehearsal" };

        var dry = await _client.PostAsJsonAsync($"/api/regions/{id}/status?dryRun=true", body);
        var rehearsed = await HttpAssert.Json(dry, HttpStatusCode.OK);

        Assert.Equal("Maintenance", (string?)rehearsed["status"]);
        await AssertUnchangedAsync(id, before, etag);
        await AssertSameAnswerAsync(dry, rehearsed, await _client.PostAsJsonAsync($"/api/regions/{id}/status", body), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ADryRunOfARefusedStatusChangeAnswersTheSameRefusal()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var (before, etag) = await ReadAsync(id);
        var body = new { status = "Planned", reason = "backwards" };

        var dry = await HttpAssert.Problem(await _client.PostAsJsonAsync($"/api/regions/{id}/status?dryRun=true", body), HttpStatusCode.Conflict, "invalid-transition");
        var real = await HttpAssert.Problem(await _client.PostAsJsonAsync($"/api/regions/{id}/status", body), HttpStatusCode.Conflict, "invalid-transition");

        Assert.Equal(Sites.Without(real, "traceId"), Sites.Without(dry, "traceId"));
        await AssertUnchangedAsync(id, before, etag);
    }

    [Fact]
    public async Task ADryRunCapacityChangeAnswersTheNewPoolAndThePoolStays()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 100);
        var (before, etag) = await ReadAsync(id);
        var body = new { total = 200, heldBack = 40, overcommit = 1.5 };

        var dry = await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus?dryRun=true", body);
        var rehearsed = await HttpAssert.Json(dry, HttpStatusCode.OK);

        Assert.Equal(240, (long?)rehearsed["capacity"]!["gpus"]!["usable"]);
        await AssertUnchangedAsync(id, before, etag);
        await AssertSameAnswerAsync(dry, rehearsed, await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", body), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ADryRunCapacityChangeBelowWhatIsReservedAnswersTheSameConflict()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 100);
        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "held", resource = "gpus", amount = 60 }), HttpStatusCode.Created);
        var (before, etag) = await ReadAsync(id);

        var dry = await HttpAssert.Problem(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus?dryRun=true", new { total = 50 }), HttpStatusCode.Conflict, "below-reserved");
        var real = await HttpAssert.Problem(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 50 }), HttpStatusCode.Conflict, "below-reserved");

        Assert.Equal(Sites.Without(real, "traceId"), Sites.Without(dry, "traceId"));
        await AssertUnchangedAsync(id, before, etag);
    }

    [Fact]
    public async Task ADryRunReservationAnswersTheCreationHoldsNothingAndTheRealOneIsStillACreation()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 100);
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/racks", new { total = 10 }), HttpStatusCode.OK);
        var (before, etag) = await ReadAsync(id);
        var body = new { reservationId = "rehearsed", resources = new Dictionary<string, long> { ["gpus"] = 8, ["racks"] = 2 }, ttlSeconds = 600, consumer = "team-a" };

        var dry = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations?dryRun=true", body);
        var rehearsed = await HttpAssert.Json(dry, HttpStatusCode.Created);

        Assert.Equal($"/api/regions/{id}/reservations/rehearsed", dry.Headers.Location?.OriginalString);
        await AssertUnchangedAsync(id, before, etag);
        Assert.Empty(await Sites.ReservationIdsAsync(_client, id));
        await HttpAssert.Problem(await _client.GetAsync(dry.Headers.Location), HttpStatusCode.NotFound, "reservation-not-found");
        await AssertSameAnswerAsync(dry, rehearsed, await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", body), HttpStatusCode.Created);
    }

    [Fact]
    public async Task ADryRunOfAReservationThatDoesNotFitAnswersTheSameShortfalls()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var (before, etag) = await ReadAsync(id);
        var body = new { reservationId = "too-big", resources = new Dictionary<string, long> { ["gpus"] = 11, ["racks"] = 1 } };

        var dry = await HttpAssert.Problem(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations?dryRun=true", body), HttpStatusCode.Conflict, "insufficient-capacity");
        var real = await HttpAssert.Problem(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", body), HttpStatusCode.Conflict, "insufficient-capacity");

        Assert.Equal(Sites.Without(real, "traceId"), Sites.Without(dry, "traceId"));
        Assert.Equal(2, dry["shortfalls"]!.AsArray().Count);
        await AssertUnchangedAsync(id, before, etag);
    }

    [Fact]
    public async Task ADryRunReplayAnswersTheOriginalReservation()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var body = new { reservationId = "kept", resource = "gpus", amount = 3 };
        var held = await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", body), HttpStatusCode.Created);

        var replay = await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations?dryRun=true", body), HttpStatusCode.OK);

        Assert.Equal(held.ToJsonString(), replay.ToJsonString());
    }

    [Fact]
    public async Task ADryRunReleaseAnswersNoContentAndTheReservationIsStillHeld()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var held = await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "stays", resource = "gpus", amount = 4 }), HttpStatusCode.Created);
        var (before, etag) = await ReadAsync(id);

        var dry = await _client.DeleteAsync($"/api/regions/{id}/reservations/stays?dryRun=true");
        var dryMissing = await _client.DeleteAsync($"/api/regions/{id}/reservations/never?dryRun=true");

        Assert.Equal(HttpStatusCode.NoContent, dry.StatusCode);
        await HttpAssert.Problem(dryMissing, HttpStatusCode.NotFound, "reservation-not-found");
        await AssertUnchangedAsync(id, before, etag);
        var still = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/reservations/stays"), HttpStatusCode.OK);
        Assert.Equal(held.ToJsonString(), still.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/regions/{id}/reservations/stays")).StatusCode);
    }

    [Fact]
    public async Task DryRunFalseIsTheRealWrite()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);

        await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations?dryRun=false", new { reservationId = "real", resource = "gpus", amount = 2 }),
            HttpStatusCode.Created);

        Assert.Equal(["real"], await Sites.ReservationIdsAsync(_client, id));
    }

    public static TheoryData<string, string> Writes() => new()
    {
        { "PUT", "/api/regions/{id}" },
        { "POST", "/api/regions/{id}/status" },
        { "PUT", "/api/regions/{id}/capacity/gpus" },
        { "POST", "/api/regions/{id}/reservations" },
        { "DELETE", "/api/regions/{id}/reservations/held" },
        { "POST", "/api/placement/reservations" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task ADryRunValueOtherThanTrueOrFalseIsAValidationProblemOnEveryWrite(string method, string route)
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "held", resource = "gpus", amount = 1 }), HttpStatusCode.Created);
        var (before, etag) = await ReadAsync(id);
        object? body = route switch
        {
            "/api/regions/{id}" => Api.Definition("Typo"),
            "/api/regions/{id}/status" => new { status = "Maintenance", reason = "typo" },
            "/api/regions/{id}/capacity/gpus" => new { total = 20 },
            "/api/regions/{id}/reservations" => new { reservationId = "typo", resource = "gpus", amount = 1 },
            "/api/placement/reservations" => new { reservationId = $"typo-{Sites.NewTag()}", resources = new Dictionary<string, long> { ["gpus"] = 1 } },
            _ => null,
        };

        foreach (var value in new[] { "yes", "True", "1", "", "true&dryRun=true" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{route.Replace("{id}", id, StringComparison.Ordinal)}?dryRun={value}");
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            var problem = await HttpAssert.Problem(await _client.SendAsync(request), HttpStatusCode.BadRequest, "validation");
            Assert.Equal(["dryRun"], HttpAssert.ErrorFields(problem));
        }

        await AssertUnchangedAsync(id, before, etag);
    }

    private async Task<(JsonNode Body, string? ETag)> ReadAsync(string id)
    {
        var response = await _client.GetAsync($"/api/regions/{id}");
        return (await HttpAssert.Json(response, HttpStatusCode.OK), response.Headers.ETag?.Tag);
    }

    private async Task AssertUnchangedAsync(string id, JsonNode before, string? etag)
    {
        var (after, afterTag) = await ReadAsync(id);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(etag, afterTag);
    }

    /// <summary>The dry run answered what the real write then answered: status, ETag, Location and body (times aside).</summary>
    private static async Task AssertSameAnswerAsync(HttpResponseMessage dry, JsonNode rehearsed, HttpResponseMessage real, HttpStatusCode status)
    {
        var done = await HttpAssert.Json(real, status);
        Assert.Equal(status, dry.StatusCode);
        Assert.Equal(real.Headers.ETag?.Tag, dry.Headers.ETag?.Tag);
        Assert.Equal(real.Headers.Location, dry.Headers.Location);
        Assert.Equal(Sites.Without(done, "updatedAt", "createdAt", "expiresAt", "endsAt"), Sites.Without(rehearsed, "updatedAt", "createdAt", "expiresAt", "endsAt"));
    }
}
