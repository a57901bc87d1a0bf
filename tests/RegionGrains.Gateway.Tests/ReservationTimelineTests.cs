using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Capacity over time through the API: reservations booked ahead with startsAt and endsAt, the first instant a request
/// does not fit, totals that cannot go below a future hold, the state filter, and changes by JSON merge patch.
/// Instants are days ahead of the test's clock, so nothing starts or ends while a test runs.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReservationTimelineTests(SharedGateway factory)
{
    private static readonly DateTimeOffset Today = new(DateTimeOffset.UtcNow.Date.AddDays(1), TimeSpan.Zero);

    private readonly HttpClient _client = factory.CreateClient();

    private static string Day(double days) => Today.AddDays(days).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A region with 10 GPUs and 8 of them booked from day 10 to day 20.</summary>
    private async Task<string> BookedAheadAsync()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var booked = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "ahead", resource = "gpus", amount = 8, startsAt = Day(10), endsAt = Day(20) });
        var body = await HttpAssert.Json(booked, HttpStatusCode.Created);
        Assert.Equal("Scheduled", (string?)body["state"]);
        return id;
    }

    [Fact]
    public async Task AReservationBookedAheadIsScheduledAndHoldsNothingYet()
    {
        var id = await BookedAheadAsync();

        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        var read = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/reservations/ahead"), HttpStatusCode.OK);

        Assert.Equal(0, (long?)region["capacity"]!["gpus"]!["reserved"]);
        Assert.Equal(Today.AddDays(10), (DateTimeOffset?)read["startsAt"]);
        Assert.Equal(Today.AddDays(20), (DateTimeOffset?)read["endsAt"]);
        Assert.Equal("Scheduled", (string?)read["state"]);
        Assert.Equal(["ahead"], await ListAsync(id, "?state=Scheduled"));
        Assert.Empty(await ListAsync(id, "?state=Active"));
        Assert.Equal(["ahead"], await ListAsync(id, string.Empty));
    }

    [Fact]
    public async Task ARequestThatMeetsABookingAheadIsRefusedWithTheFirstInstantItDoesNotFit()
    {
        var id = await BookedAheadAsync();

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "open", resource = "gpus", amount = 3 }),
            HttpStatusCode.Conflict,
            "insufficient-capacity");
        var fits = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "before", resource = "gpus", amount = 10, endsAt = Day(10) });
        var after = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "after", resource = "gpus", amount = 10, startsAt = Day(20), ttlSeconds = 3600 });

        Assert.Equal(Today.AddDays(10), (DateTimeOffset?)problem["at"]);
        var shortfall = problem["shortfalls"]![0]!;
        Assert.Equal(2, (long?)shortfall["available"]);
        Assert.Equal(Today.AddDays(10), (DateTimeOffset?)shortfall["at"]);
        Assert.Equal(2, (long?)problem["available"]);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        var afterBody = await HttpAssert.Json(after, HttpStatusCode.Created);
        Assert.Equal(Today.AddDays(20).AddHours(1), (DateTimeOffset?)afterBody["endsAt"]);
    }

    [Fact]
    public async Task APoolTotalBelowAFutureHoldIsRefusedWithTheInstant()
    {
        var id = await BookedAheadAsync();

        var problem = await HttpAssert.Problem(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 5 }), HttpStatusCode.Conflict, "below-reserved");

        Assert.Equal(Today.AddDays(10), (DateTimeOffset?)problem["at"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 8 })).StatusCode);
    }

    [Theory]
    [InlineData("startsAt", "2030-01-01T00:00:00")]
    [InlineData("startsAt", "2030-01-01")]
    [InlineData("startsAt", "2030-01-01T00:00:00 Z")]
    [InlineData("startsAt", "2030-02-30T00:00:00Z")]
    [InlineData("startsAt", "2030-01-01T00:00:00.Z")]
    [InlineData("startsAt", "2030-01-01T00:00:00Z\u0000")]
    [InlineData("startsAt", "2030-01-01t00:00:00z")]
    [InlineData("endsAt", "next week")]
    [InlineData("endsAt", "2020-01-01T00:00:00Z")]
    [InlineData("startsAt", "2999-01-01T00:00:00Z")]
    public async Task AnInstantThatIsNotAnRfc3339InstantWithAnOffsetOrOutOfRangeIsRefusedNamingTheField(string field, string value)
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var body = new Dictionary<string, object> { ["reservationId"] = "bad", ["resource"] = "gpus", ["amount"] = 1, [field] = value };

        var problem = await HttpAssert.Problem(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", body), HttpStatusCode.BadRequest, "validation");

        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(await ListAsync(id, "?state=Scheduled,Active,Ended"));
    }

    [Fact]
    public async Task AnInstantWithAnOffsetIsTheSameInstantInUtcAndReplaysAsTheSameReservation()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        var start = Today.AddDays(30);
        object Body(string startsAt) => new { reservationId = "offset", resource = "gpus", amount = 1, startsAt };

        var created = await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", Body(start.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))),
            HttpStatusCode.Created);
        var replay = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", Body(Day(30)));

        Assert.Equal(start, (DateTimeOffset?)created["startsAt"]);
        Assert.EndsWith("+00:00", (string?)created["startsAt"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "both", resource = "gpus", amount = 1, endsAt = Day(3), ttlSeconds = 60 }),
            HttpStatusCode.BadRequest,
            "validation");
    }

    [Fact]
    public async Task AMergePatchGrowsOnlyIntoFreeCapacityAndShrinksAlways()
    {
        var id = await BookedAheadAsync();
        var now = await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "now", resource = "gpus", amount = 2, endsAt = Day(15) }),
            HttpStatusCode.Created);
        Assert.Equal("Active", (string?)now["state"]);

        var grow = await HttpAssert.Problem(await PatchAsync(id, "now", """{"amount":3}"""), HttpStatusCode.Conflict, "insufficient-capacity");
        Assert.Equal(Today.AddDays(10), (DateTimeOffset?)grow["at"]);

        var shrunk = await HttpAssert.Json(await PatchAsync(id, "ahead", """{"amount":5}"""), HttpStatusCode.OK);
        Assert.Equal(5, (long?)shrunk["amount"]);
        Assert.Equal(Today.AddDays(20), (DateTimeOffset?)shrunk["endsAt"]);

        var grown = await HttpAssert.Json(await PatchAsync(id, "now", """{"amount":5,"endsAt":null}"""), HttpStatusCode.OK);
        Assert.Equal(5, (long?)grown["amount"]);
        Assert.Null(grown["endsAt"]);
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(5, (long?)region["capacity"]!["gpus"]!["reserved"]);

        var history = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/history"), HttpStatusCode.OK);
        Assert.Equal("ReservationChanged", (string?)history[0]!["kind"]);
    }

    [Fact]
    public async Task APatchIsConditionalOnTheRegionsETagAndDryRunChangesNothing()
    {
        var id = await BookedAheadAsync();
        var region = await _client.GetAsync($"/api/regions/{id}");
        var etag = region.Headers.ETag!.Tag;

        var dry = await HttpAssert.Json(await PatchAsync(id, "ahead", """{"amount":1}""", query: "?dryRun=true"), HttpStatusCode.OK);
        var unchanged = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/reservations/ahead"), HttpStatusCode.OK);
        var stale = await PatchAsync(id, "ahead", """{"amount":1}""", ifMatch: "\"999\"");
        var fresh = await PatchAsync(id, "ahead", """{"amount":1}""", ifMatch: etag);

        Assert.Equal(1, (long?)dry["amount"]);
        Assert.Equal(8, (long?)unchanged["amount"]);
        await HttpAssert.Problem(stale, HttpStatusCode.PreconditionFailed, "version-mismatch");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Theory]
    [InlineData("""{"amount":0}""", "amount")]
    [InlineData("""{"amount":1,"resources":{"gpus":1}}""", "resources")]
    [InlineData("""{"resources":{}}""", "resources")]
    [InlineData("""{"endsAt":5}""", "endsAt")]
    [InlineData("""{"endsAt":"yesterday"}""", "endsAt")]
    [InlineData("""{"endsAt":"2001-01-01T00:00:00Z"}""", "endsAt")]
    [InlineData("""{"resources":{"racks":1}}""", "resources")]
    public async Task ABadPatchIsRefusedNamingTheFieldAndChangesNothing(string patch, string field)
    {
        var id = await BookedAheadAsync();

        var problem = await HttpAssert.Problem(await PatchAsync(id, "ahead", patch), HttpStatusCode.BadRequest, "validation");

        Assert.True(problem["errors"]?[field] is not null, problem.ToJsonString());
        Assert.Equal(8, (long?)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/reservations/ahead"), HttpStatusCode.OK))["amount"]);
    }

    [Fact]
    public async Task EndedReservationsCanBeListedByStateAndCannotBeChanged()
    {
        var id = await BookedAheadAsync();
        (await _client.DeleteAsync($"/api/regions/{id}/reservations/ahead")).EnsureSuccessStatusCode();

        var cancelled = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/reservations/ahead"), HttpStatusCode.OK);

        Assert.Equal("Cancelled", (string?)cancelled["state"]);
        Assert.Equal(["ahead"], await ListAsync(id, "?state=Ended"));
        Assert.Equal(["ahead"], await ListAsync(id, "?state=Cancelled"));
        Assert.Empty(await ListAsync(id, string.Empty));
        await HttpAssert.Problem(await PatchAsync(id, "ahead", """{"amount":1}"""), HttpStatusCode.NotFound, "reservation-not-found");
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/reservations?state=Gone"), HttpStatusCode.BadRequest, "validation");
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/reservations?state=active"), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task ARequestThatWaitsIsAcceptedWithItsAddressAndGrantedWhenCapacityFreesUp()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 10);
        (await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "holder", resource = "gpus", amount = 10 })).EnsureSuccessStatusCode();

        var accepted = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "waiter", resource = "gpus", amount = 6, waitSeconds = 600 });
        var waiting = await HttpAssert.Json(accepted, HttpStatusCode.Accepted);
        var replay = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "waiter", resource = "gpus", amount = 6, waitSeconds = 600 });

        Assert.Equal($"/api/regions/{id}/reservations/waiter", accepted.Headers.Location?.OriginalString);
        Assert.Equal("Waiting", (string?)waiting["state"]);
        Assert.NotNull((DateTimeOffset?)waiting["waitUntil"]);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(["holder", "waiter"], await ListAsync(id, string.Empty));
        Assert.Equal(["waiter"], await ListAsync(id, "?state=Waiting"));

        (await _client.DeleteAsync($"/api/regions/{id}/reservations/holder")).EnsureSuccessStatusCode();
        var granted = await HttpAssert.Json(await _client.GetAsync(accepted.Headers.Location), HttpStatusCode.OK);

        Assert.Equal("Active", (string?)granted["state"]);
        Assert.Null(granted["waitUntil"]);
        await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "bad-wait", resource = "gpus", amount = 1, waitSeconds = 0 }),
            HttpStatusCode.BadRequest,
            "validation");
    }

    private async Task<HttpResponseMessage> PatchAsync(string id, string reservationId, string patch, string query = "", string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/regions/{id}/reservations/{reservationId}{query}")
        {
            Content = new StringContent(patch, Encoding.UTF8, new MediaTypeHeaderValue("application/merge-patch+json")),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _client.SendAsync(request);
    }

    private async Task<string[]> ListAsync(string id, string query)
    {
        var listed = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/reservations{query}"), HttpStatusCode.OK);
        return [.. listed.AsArray().Select(r => (string)r!["reservationId"]!)];
    }
}
