using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// <c>GET /api/regions/{id}/reservations</c>: what a region holds, sorted by id, filtered, and paged by Link headers.
/// The expected lists come from the bodies the test's own reservations were answered with.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReservationListTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheListHoldsEveryReservationSortedByIdInOrdinalOrderWithTheBodiesTheyWereCreatedWith()
    {
        var (id, made) = await RegionWithReservationsAsync();

        var listed = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/reservations"), HttpStatusCode.OK);

        Assert.Equal(made.Keys.Order(StringComparer.Ordinal), listed.AsArray().Select(r => (string)r!["reservationId"]!));
        Assert.Equal(made.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value), listed.AsArray().Select(r => r!.ToJsonString()));
    }

    [Fact]
    public async Task FiltersByResourceAndConsumerKeepOnlyTheMatchingReservations()
    {
        var (id, made) = await RegionWithReservationsAsync();

        var racks = await IdsAsync($"/api/regions/{id}/reservations?resource=racks");
        var teamA = await IdsAsync($"/api/regions/{id}/reservations?consumer=team-a");
        var teamARacks = await IdsAsync($"/api/regions/{id}/reservations?consumer=team-a&resource=racks");
        var nobody = await IdsAsync($"/api/regions/{id}/reservations?consumer=nobody");
        var noSuchPool = await IdsAsync($"/api/regions/{id}/reservations?resource=cpus");

        Assert.Equal(Matching(made, r => r["resources"]!.AsObject().ContainsKey("racks")), racks);
        Assert.Equal(Matching(made, r => (string?)r["consumer"] == "team-a"), teamA);
        Assert.Equal(Matching(made, r => (string?)r["consumer"] == "team-a" && r["resources"]!.AsObject().ContainsKey("racks")), teamARacks);
        Assert.NotEmpty(racks);
        Assert.NotEmpty(teamARacks);
        Assert.Empty(nobody);
        Assert.Empty(noSuchPool);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task WalkingTheNextLinksReturnsEveryReservationOnceInOrderAndTheLastPageHasNoLink(int limit)
    {
        var (id, made) = await RegionWithReservationsAsync();

        var (ids, pages) = await WalkAsync($"/api/regions/{id}/reservations?limit={limit}");

        Assert.Equal(made.Keys.Order(StringComparer.Ordinal), ids);
        Assert.Equal((made.Count + limit - 1) / limit, pages);
    }

    [Fact]
    public async Task TheNextLinkKeepsTheFiltersAndTheLimitAndStartsAfterTheLastIdOfThePage()
    {
        var (id, made) = await RegionWithReservationsAsync();

        var response = await _client.GetAsync($"/api/regions/{id}/reservations?resource=gpus&consumer=team-a&limit=1");
        var page = (await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray();
        var next = HttpAssert.NextLink(response);
        var (rest, _) = await WalkAsync(next!);

        var last = (string)page.Single()!["reservationId"]!;
        Assert.Equal($"/api/regions/{id}/reservations?resource=gpus&consumer=team-a&limit=1&after={last}", next);
        Assert.Equal(
            Matching(made, r => (string?)r["consumer"] == "team-a" && r["resources"]!.AsObject().ContainsKey("gpus")),
            [last, .. rest]);
    }

    [Fact]
    public async Task ReleasedReservationsAreNotListed()
    {
        var (id, made) = await RegionWithReservationsAsync();
        var released = made.Keys.Order(StringComparer.Ordinal).First();

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/regions/{id}/reservations/{released}")).StatusCode);

        Assert.Equal(made.Keys.Where(k => k != released).Order(StringComparer.Ordinal), await IdsAsync($"/api/regions/{id}/reservations"));
    }

    [Fact]
    public async Task APageHoldsAHundredByDefaultAndUpToAThousandWhenAsked()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 1_000);
        var ids = Enumerable.Range(0, 101).Select(i => $"bulk-{i:D3}").ToList();
        foreach (var batch in ids.Chunk(20))
        {
            var responses = await Task.WhenAll(batch.Select(r => _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = r, resource = "gpus", amount = 1 })));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }

        var byDefault = await _client.GetAsync($"/api/regions/{id}/reservations");
        var thousand = await _client.GetAsync($"/api/regions/{id}/reservations?limit=1000");

        Assert.Equal(ids.Take(100), (await HttpAssert.Json(byDefault, HttpStatusCode.OK)).AsArray().Select(r => (string)r!["reservationId"]!));
        Assert.Equal($"/api/regions/{id}/reservations?limit=100&after=bulk-099", HttpAssert.NextLink(byDefault));
        Assert.Equal(ids, (await HttpAssert.Json(thousand, HttpStatusCode.OK)).AsArray().Select(r => (string)r!["reservationId"]!));
        Assert.Null(HttpAssert.NextLink(thousand));
    }

    [Fact]
    public async Task ARegionWithoutReservationsListsNoneAndAnUnknownRegionIsNotFound()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var none = await _client.GetAsync($"/api/regions/{id}/reservations");

        Assert.Empty((await HttpAssert.Json(none, HttpStatusCode.OK)).AsArray());
        Assert.Null(HttpAssert.NextLink(none));
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{Api.NewRegionId()}/reservations"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("after=has%20space", "after")]
    [InlineData("resource=GPUS", "resource")]
    [InlineData("consumer=has%20space", "consumer")]
    public async Task AnInvalidListParameterIsAValidationProblemNamingIt(string query, string field)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var problem = await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/reservations?{query}"), HttpStatusCode.BadRequest, "validation");

        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task AnInvalidRegionIdIsAValidationProblem()
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync("/api/regions/NOT_AN_ID/reservations"), HttpStatusCode.BadRequest, "validation");

        Assert.Contains("id", HttpAssert.ErrorFields(problem));
    }

    private static List<string> Matching(Dictionary<string, string> made, Func<JsonNode, bool> filter) =>
        [.. made.Where(p => filter(JsonNode.Parse(p.Value)!)).Select(p => p.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// A region with seven reservations whose ids sort differently in ordinal and in culture order (upper case first,
    /// "a-10" before "a-2"), of one or two resources, for two consumers or none; returns each id with its created body.
    /// </summary>
    private async Task<(string Id, Dictionary<string, string> Made)> RegionWithReservationsAsync()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 100);
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/racks", new { total = 50 }), HttpStatusCode.OK);
        object[] bodies =
        [
            new { reservationId = "a-2", resource = "gpus", amount = 1, consumer = "team-a" },
            new { reservationId = "a-10", resources = new Dictionary<string, long> { ["gpus"] = 2, ["racks"] = 1 }, consumer = "team-a", project = "apollo" },
            new { reservationId = "B-1", resource = "racks", amount = 3, consumer = "team-b" },
            new { reservationId = "a-1", resource = "gpus", amount = 4 },
            new { reservationId = "Z.9", resources = new Dictionary<string, long> { ["gpus"] = 1, ["racks"] = 2 }, consumer = "team-b", ttlSeconds = 3600 },
            new { reservationId = "b:1", resource = "racks", amount = 1, consumer = "team-a" },
            new { reservationId = ".last", resource = "gpus", amount = 5, consumer = "team-a" },
        ];
        var made = new Dictionary<string, string>();
        foreach (var body in bodies)
        {
            var created = await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", body), HttpStatusCode.Created);
            made[(string)created["reservationId"]!] = created.ToJsonString();
        }

        return (id, made);
    }

    private async Task<List<string>> IdsAsync(string url)
    {
        var (ids, _) = await WalkAsync(url);
        return ids;
    }

    private async Task<(List<string> Ids, int Pages)> WalkAsync(string first)
    {
        var ids = new List<string>();
        var pages = 0;
        for (var next = first; next is not null;)
        {
            var response = await _client.GetAsync(next);
            ids.AddRange((await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray().Select(r => (string)r!["reservationId"]!));
            next = HttpAssert.NextLink(response);
            pages++;
            Assert.True(pages < 1_000, "The walk should end.");
        }

        return (ids, pages);
    }
}
