using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// <c>POST /api/placement/reservations</c>: an order held in the first site that takes it, found again by a replay,
/// refused as a whole when no site takes it, and rehearsed by a dry run that holds nothing anywhere.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlacementReservationTests(SharedGateway factory)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnOrderIsHeldInTheFirstCandidateAndAReplayAnswersTheSameRegion()
    {
        var (resource, empty, half) = await TwoSitesAsync();
        var id = $"any-{Sites.NewTag()}";
        var body = new { reservationId = id, resources = Order(resource, 4), policy = "spread", ttlSeconds = 600, consumer = "team-a", project = "apollo" };

        var created = await _client.PostAsJsonAsync("/api/placement/reservations", body);
        var first = await HttpAssert.Json(created, HttpStatusCode.Created);
        var replay = await HttpAssert.Json(await _client.PostAsJsonAsync("/api/placement/reservations", body), HttpStatusCode.OK);

        // Spread: the empty site before the half-full one.
        Assert.Equal($"/api/regions/{empty.Id}/reservations/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(id, (string?)first["reservationId"]);
        Assert.Equal(empty.Id, (string?)first["regionId"]);
        Assert.Equal(resource, (string?)first["resource"]);
        Assert.Equal(4, (long?)first["amount"]);
        Assert.Equal(4, (long?)first["resources"]![resource]);
        Assert.Equal("team-a", (string?)first["consumer"]);
        Assert.Equal("apollo", (string?)first["project"]);
        Assert.Equal(600, (int?)first["ttlSeconds"]);
        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        var located = await HttpAssert.Json(await _client.GetAsync(created.Headers.Location), HttpStatusCode.OK);
        Assert.Equal(first.ToJsonString(), located.ToJsonString());
        Assert.Equal(4, await ReservedAsync(empty.Id, resource));
        Assert.Equal(5, await ReservedAsync(half.Id, resource));
        Assert.DoesNotContain(id, await Sites.ReservationIdsAsync(_client, half.Id));
    }

    [Fact]
    public async Task PackPutsTheOrderInTheFullerSiteAndNearestInTheCloserOne()
    {
        var (resource, empty, half) = await TwoSitesAsync();

        var packed = await _client.PostAsJsonAsync("/api/placement/reservations", new { reservationId = $"pack-{Sites.NewTag()}", resources = Order(resource, 2), policy = "pack" });
        var nearSaoPaulo = await _client.PostAsJsonAsync(
            "/api/placement/reservations",
            new { reservationId = $"near-{Sites.NewTag()}", resources = Order(resource, 1), constraints = new { near = new { latitude = -22.9, longitude = -43.2 } } });
        var inEurope = await _client.PostAsJsonAsync(
            "/api/placement/reservations",
            new { reservationId = $"geo-{Sites.NewTag()}", resources = Order(resource, 1), policy = "pack", constraints = new { geography = "Europe" } });

        Assert.Equal(half.Id, (string?)(await HttpAssert.Json(packed, HttpStatusCode.Created))["regionId"]);
        Assert.Equal(half.Id, (string?)(await HttpAssert.Json(nearSaoPaulo, HttpStatusCode.Created))["regionId"]);
        Assert.Equal(empty.Id, (string?)(await HttpAssert.Json(inEurope, HttpStatusCode.Created))["regionId"]);
        Assert.Equal(1, await ReservedAsync(empty.Id, resource));
        Assert.Equal(5 + 2 + 1, await ReservedAsync(half.Id, resource));
    }

    [Fact]
    public async Task ReusingAPlacedIdWithAnotherBodyIsAConflictAndHoldsNothingMore()
    {
        var (resource, empty, half) = await TwoSitesAsync();
        var id = $"reuse-{Sites.NewTag()}";
        await HttpAssert.Json(await _client.PostAsJsonAsync("/api/placement/reservations", new { reservationId = id, resources = Order(resource, 3) }), HttpStatusCode.Created);

        var otherAmount = await _client.PostAsJsonAsync("/api/placement/reservations", new { reservationId = id, resources = Order(resource, 4) });
        var otherPolicy = await _client.PostAsJsonAsync("/api/placement/reservations", new { reservationId = id, resources = Order(resource, 3), policy = "pack" });

        await HttpAssert.Problem(otherAmount, HttpStatusCode.Conflict, "reservation-id-reused");
        await HttpAssert.Problem(otherPolicy, HttpStatusCode.Conflict, "reservation-id-reused");
        Assert.Equal(3, await ReservedAsync(empty.Id, resource));
        Assert.Equal(5, await ReservedAsync(half.Id, resource));
    }

    [Fact]
    public async Task AnOrderNoSiteCanTakeIsRefusedAsAWholeAndHoldsNothing()
    {
        var (resource, empty, half) = await TwoSitesAsync();
        var id = $"huge-{Sites.NewTag()}";

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync("/api/placement/reservations", new { reservationId = id, resources = Order(resource, 11) }),
            HttpStatusCode.Conflict,
            "no-candidate");

        Assert.Empty(problem["tried"]!.AsArray());
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.DoesNotContain(id, await Sites.ReservationIdsAsync(_client, empty.Id));
        Assert.DoesNotContain(id, await Sites.ReservationIdsAsync(_client, half.Id));
        Assert.Equal(0, await ReservedAsync(empty.Id, resource));
    }

    [Fact]
    public async Task ACandidateThatRefusesIsPassedOverForTheNext()
    {
        // The id is already held in the empty site for another body: that site refuses it, the half-full one takes it.
        var id = $"taken-{Sites.NewTag()}";
        var (resource, empty, half) = await TwoSitesAsync(beforeSettling: async (resource, empty) =>
            await HttpAssert.Json(
                await _client.PostAsJsonAsync($"/api/regions/{empty.Id}/reservations", new { reservationId = id, resource, amount = 1 }),
                HttpStatusCode.Created));

        var placed = await _client.PostAsJsonAsync("/api/placement/reservations", new { reservationId = id, resources = Order(resource, 2), policy = "spread" });

        Assert.Equal($"/api/regions/{half.Id}/reservations/{id}", placed.Headers.Location?.OriginalString);
        Assert.Equal(half.Id, (string?)(await HttpAssert.Json(placed, HttpStatusCode.Created))["regionId"]);
        Assert.Equal(1, await ReservedAsync(empty.Id, resource));
        Assert.Equal(5 + 2, await ReservedAsync(half.Id, resource));
    }

    [Fact]
    public async Task WhenEveryCandidateRefusesTheConflictNamesEachWithItsReason()
    {
        var id = $"everywhere-{Sites.NewTag()}";
        var (resource, empty, half) = await TwoSitesAsync(beforeSettling: async (resource, empty) =>
            await HttpAssert.Json(
                await _client.PostAsJsonAsync($"/api/regions/{empty.Id}/reservations", new { reservationId = id, resource, amount = 1 }),
                HttpStatusCode.Created));
        await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{half.Id}/reservations", new { reservationId = id, resource, amount = 1 }),
            HttpStatusCode.Created);
        await half.RefreshVersionAsync(_client);
        await Sites.WaitUntilPartitionsShowAsync(_client, [empty, half], Settle);

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync("/api/placement/reservations", new { reservationId = id, resources = Order(resource, 2), policy = "spread" }),
            HttpStatusCode.Conflict,
            "no-candidate");

        var tried = problem["tried"]!.AsArray();
        Assert.Equal([empty.Id, half.Id], tried.Select(t => (string?)t!["regionId"]));
        Assert.All(tried, t => Assert.Contains("ReservationIdReused", (string?)t!["reason"], StringComparison.Ordinal));
        Assert.Equal(1, await ReservedAsync(empty.Id, resource));
        Assert.Equal(5 + 1, await ReservedAsync(half.Id, resource));
    }

    [Fact]
    public async Task ADryRunAnswersWhereTheOrderWouldGoAndHoldsNothingAnywhere()
    {
        var (resource, empty, half) = await TwoSitesAsync();
        var id = $"rehearsal-{Sites.NewTag()}";
        var body = new { reservationId = id, resources = Order(resource, 4), policy = "spread", consumer = "team-b" };
        var before = await Task.WhenAll(RegionBodyAsync(empty.Id), RegionBodyAsync(half.Id));

        var dry = await _client.PostAsJsonAsync("/api/placement/reservations?dryRun=true", body);
        var rehearsed = await HttpAssert.Json(dry, HttpStatusCode.Created);

        Assert.Equal($"/api/regions/{empty.Id}/reservations/{id}", dry.Headers.Location?.OriginalString);
        Assert.Equal(empty.Id, (string?)rehearsed["regionId"]);
        Assert.Equal(4, (long?)rehearsed["resources"]![resource]);
        Assert.DoesNotContain(id, await Sites.ReservationIdsAsync(_client, empty.Id));
        Assert.DoesNotContain(id, await Sites.ReservationIdsAsync(_client, half.Id));
        Assert.Equal(before, await Task.WhenAll(RegionBodyAsync(empty.Id), RegionBodyAsync(half.Id)));
        await HttpAssert.Problem(await _client.GetAsync(dry.Headers.Location), HttpStatusCode.NotFound, "reservation-not-found");

        // Nothing was recorded under the id either: the real request is a creation, not a replay, and lands where the
        // rehearsal said.
        var real = await _client.PostAsJsonAsync("/api/placement/reservations", body);
        var held = await HttpAssert.Json(real, HttpStatusCode.Created);
        Assert.Equal(dry.Headers.Location, real.Headers.Location);
        Assert.Equal(Sites.Without(rehearsed, "createdAt", "expiresAt"), Sites.Without(held, "createdAt", "expiresAt"));
    }

    [Fact]
    public async Task ADryRunOfAPlacedIdAnswersTheReplay()
    {
        var (resource, _, _) = await TwoSitesAsync();
        var id = $"placed-{Sites.NewTag()}";
        var body = new { reservationId = id, resources = Order(resource, 1) };
        var held = await HttpAssert.Json(await _client.PostAsJsonAsync("/api/placement/reservations", body), HttpStatusCode.Created);

        var dryReplay = await HttpAssert.Json(await _client.PostAsJsonAsync("/api/placement/reservations?dryRun=true", body), HttpStatusCode.OK);
        var dryReuse = await _client.PostAsJsonAsync("/api/placement/reservations?dryRun=true", new { reservationId = id, resources = Order(resource, 2) });

        Assert.Equal(held.ToJsonString(), dryReplay.ToJsonString());
        await HttpAssert.Problem(dryReuse, HttpStatusCode.Conflict, "reservation-id-reused");
    }

    [Fact]
    public async Task AReplayAfterThePlacedReservationWasReleasedIsAnsweredAsTheRegionAnswersIt()
    {
        var (resource, empty, _) = await TwoSitesAsync();
        var id = $"ended-{Sites.NewTag()}";
        var body = new { reservationId = id, resources = Order(resource, 2) };
        var created = await _client.PostAsJsonAsync("/api/placement/reservations", body);
        await HttpAssert.Json(created, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync(created.Headers.Location)).StatusCode);

        var regionReplay = await _client.PostAsJsonAsync($"/api/regions/{empty.Id}/reservations", new { reservationId = id, resource, amount = 2 });
        var placementReplay = await _client.PostAsJsonAsync("/api/placement/reservations", body);

        // The region answers a late replay of an ended reservation as a reused id, so that nobody takes it for held;
        // the placement must not answer 200 with a reservation its Location no longer has.
        await HttpAssert.Problem(regionReplay, HttpStatusCode.Conflict, "reservation-id-reused");
        Assert.Equal("Released", (string?)(await HttpAssert.Json(await _client.GetAsync(created.Headers.Location), HttpStatusCode.OK))["state"]);
        await HttpAssert.Problem(placementReplay, HttpStatusCode.Conflict, "reservation-id-reused");
        Assert.Equal(0, await ReservedAsync(empty.Id, resource));
    }

    [Fact]
    public async Task ConcurrentPlacementsOfOneOrderHoldItOnceAndAnswerTheSameRegion()
    {
        var (resource, empty, half) = await TwoSitesAsync();
        var body = new { reservationId = $"race-{Sites.NewTag()}", resources = Order(resource, 3), policy = "spread" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _client.PostAsJsonAsync("/api/placement/reservations", body)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(3, await ReservedAsync(empty.Id, resource) + await ReservedAsync(half.Id, resource) - 5);
    }

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { """{"resources":{"gpus":1}}""", "reservationId" },
        { """{"reservationId":"has space","resources":{"gpus":1}}""", "reservationId" },
        { """{"reservationId":"x"}""", "resources" },
        { """{"reservationId":"x","resources":{}}""", "resources" },
        { """{"reservationId":"x","resources":{"GPUS":1}}""", "resources" },
        { """{"reservationId":"x","resources":{"gpus":0}}""", "resources" },
        { """{"reservationId":"x","resources":{"gpus":1},"policy":"closest"}""", "policy" },
        { """{"reservationId":"x","resources":{"gpus":1},"policy":"nearest"}""", "policy" },
        { """{"reservationId":"x","resources":{"gpus":1},"constraints":{"near":{"latitude":91,"longitude":0}}}""", "near" },
        { """{"reservationId":"x","resources":{"gpus":1},"constraints":{"near":{"latitude":10}}}""", "near" },
        { """{"reservationId":"x","resources":{"gpus":1},"ttlSeconds":0}""", "ttlSeconds" },
        { """{"reservationId":"x","resources":{"gpus":1},"consumer":"has space"}""", "consumer" },
        { """{"reservationId":"x","resources":{"gpus":1},"project":"has space"}""", "project" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task AnInvalidOrderIsAValidationProblemNamingTheField(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var problem = await HttpAssert.Problem(await _client.PostAsync("/api/placement/reservations", content), HttpStatusCode.BadRequest, "validation");

        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("TRUE")]
    [InlineData("1")]
    [InlineData("")]
    public async Task ADryRunValueOtherThanTrueOrFalseIsAValidationProblem(string value)
    {
        var (resource, empty, _) = await TwoSitesAsync();

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/placement/reservations?dryRun={value}", new { reservationId = $"typo-{Sites.NewTag()}", resources = Order(resource, 1) }),
            HttpStatusCode.BadRequest,
            "validation");

        Assert.Equal(["dryRun"], HttpAssert.ErrorFields(problem));
        Assert.Equal(0, await ReservedAsync(empty.Id, resource));
    }

    private static Dictionary<string, long> Order(string resource, long amount) => new() { [resource] = amount };

    /// <summary>
    /// Two Online sites with a resource of their own: an empty one in Paris and a half-full one in São Paulo (5 of 10),
    /// settled in the footprint partitions. <paramref name="beforeSettling"/> runs on the empty one first.
    /// </summary>
    private async Task<(string Resource, Site Empty, Site Half)> TwoSitesAsync(Func<string, Site, Task>? beforeSettling = null)
    {
        var tag = Sites.NewTag();
        var resource = $"a{tag}";
        var empty = new Site($"pa-{tag}-x", "Online", "Europe", 48.85, 2.35, new Dictionary<string, SitePool> { [resource] = new(10) });
        var half = new Site($"pa-{tag}-y", "Online", "Americas", -23.55, -46.63, new Dictionary<string, SitePool> { [resource] = new(10, 5) });
        await Sites.CreateAllAsync(_client, [empty, half]);
        if (beforeSettling is not null)
        {
            await beforeSettling(resource, empty);
            await empty.RefreshVersionAsync(_client);
        }

        await Sites.WaitUntilPartitionsShowAsync(_client, [empty, half], Settle);
        return (resource, empty, half);
    }

    private async Task<long> ReservedAsync(string regionId, string resource) =>
        (long)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{regionId}"), HttpStatusCode.OK))["capacity"]![resource]!["reserved"]!;

    private async Task<string> RegionBodyAsync(string regionId) =>
        (await HttpAssert.Json(await _client.GetAsync($"/api/regions/{regionId}"), HttpStatusCode.OK)).ToJsonString();
}
