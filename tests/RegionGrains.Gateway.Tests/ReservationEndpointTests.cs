using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ReservationEndpointTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AReservationIsCreatedThenReplayedIdempotently()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var body = new { reservationId = "order-1", resource = "gpus", amount = 8, ttlSeconds = 600 };

        var created = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", body);
        var first = await HttpAssert.Json(created, HttpStatusCode.Created);
        var replay = await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", body), HttpStatusCode.OK);

        Assert.Equal($"/api/regions/{id}/reservations/order-1", created.Headers.Location?.OriginalString);
        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        Assert.Equal(8, (long?)first["amount"]);
        Assert.NotNull((string?)first["expiresAt"]);
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(8, (long?)region["capacity"]!["gpus"]!["reserved"]);
        Assert.Equal(1, (int?)region["reservations"]);
    }

    [Fact]
    public async Task TheLocationOfANewReservationAnswersWithItAndOnceReleasedWithHowItEnded()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var created = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "order-located", resource = "gpus", amount = 3, ttlSeconds = 900 });
        var body = await HttpAssert.Json(created, HttpStatusCode.Created);

        var read = await HttpAssert.Json(await _client.GetAsync(created.Headers.Location), HttpStatusCode.OK);

        Assert.Equal(body.ToJsonString(), read.ToJsonString());
        Assert.Equal("Active", (string?)read["state"]);
        (await _client.DeleteAsync(created.Headers.Location)).EnsureSuccessStatusCode();
        var ended = await HttpAssert.Json(await _client.GetAsync(created.Headers.Location), HttpStatusCode.OK);
        Assert.Equal("Released", (string?)ended["state"]);
        Assert.NotNull((DateTimeOffset?)ended["endedAt"]);
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/reservations/never-made"), HttpStatusCode.NotFound, "reservation-not-found");
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{Api.NewRegionId()}/reservations/order-located"), HttpStatusCode.NotFound, "region-not-found");
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/reservations/bad%20id"), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task ReusingAnIdWithAnotherBodyIsAConflict()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        (await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "order-2", resource = "gpus", amount = 1 })).EnsureSuccessStatusCode();

        await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "order-2", resource = "gpus", amount = 2 }),
            HttpStatusCode.Conflict,
            "reservation-id-reused");
    }

    [Fact]
    public async Task ReservingMoreThanAvailableIsRefusedWithWhatIsAvailable()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "big", resource = "gpus", amount = 11 }),
            HttpStatusCode.Conflict,
            "insufficient-capacity");

        Assert.Equal(10, (long?)problem["available"]);
    }

    [Fact]
    public async Task APlannedRegionDoesNotAcceptReservations()
    {
        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync("/api/regions/kr-seoul/reservations", new { reservationId = "early", resource = "gpus", amount = 1 }),
            HttpStatusCode.Conflict,
            "not-accepting-reservations");

        Assert.Equal("Planned", (string?)problem["regionStatus"]);
    }

    [Fact]
    public async Task AnInvalidReservationListsEveryBadField()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "has space", resource = "GPU", amount = 0, ttlSeconds = 0 }),
            HttpStatusCode.BadRequest,
            "validation");

        Assert.Equal(["amount", "reservationId", "resource", "ttlSeconds"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task ReservingInAnUnknownRegionIsNotFound()
    {
        await HttpAssert.Problem(
            await _client.PostAsJsonAsync("/api/regions/zz-none/reservations", new { reservationId = "x", resource = "gpus", amount = 1 }),
            HttpStatusCode.NotFound,
            "region-not-found");
    }

    [Fact]
    public async Task ReleasingFreesTheCapacityAndASecondReleaseIsNotFound()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 5);
        (await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "r", resource = "gpus", amount = 5 })).EnsureSuccessStatusCode();

        var released = await _client.DeleteAsync($"/api/regions/{id}/reservations/r");
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        await HttpAssert.Problem(await _client.DeleteAsync($"/api/regions/{id}/reservations/r"), HttpStatusCode.NotFound, "reservation-not-found");
        await HttpAssert.Problem(await _client.DeleteAsync("/api/regions/zz-none/reservations/r"), HttpStatusCode.NotFound, "region-not-found");

        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(5, (long?)region["capacity"]!["gpus"]!["available"]);
    }

    [Fact]
    public async Task ConcurrentHttpReservationsNeverOverAllocate()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 20);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = $"c-{i}", resource = "gpus", amount = 1 })));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(80, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(20, (long?)region["capacity"]!["gpus"]!["reserved"]);
    }
}
