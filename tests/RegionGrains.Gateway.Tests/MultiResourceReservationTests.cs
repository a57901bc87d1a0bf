using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// <c>POST /api/regions/{id}/reservations</c> with <c>resources</c>: several pools held all or nothing, the refusal
/// naming each pool short, replays, and the two body forms kept apart.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MultiResourceReservationTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AReservationOfSeveralResourcesHoldsEachAndAnswersWithTheWholeMap()
    {
        var id = await RegionAsync(gpus: 16, racks: 4);

        var created = await _client.PostAsync(
            $"/api/regions/{id}/reservations",
            Json("""{"reservationId":"train-1","resources":{"gpus":8,"racks":2},"ttlSeconds":3600,"consumer":"team-a","project":"apollo"}"""));
        var body = await HttpAssert.Json(created, HttpStatusCode.Created);

        Assert.Equal($"/api/regions/{id}/reservations/train-1", created.Headers.Location?.OriginalString);
        Assert.Equal("train-1", (string?)body["reservationId"]);
        Assert.Equal(id, (string?)body["regionId"]);
        Assert.Null(body["resource"]);
        Assert.Null(body["amount"]);
        Assert.True(body.AsObject().ContainsKey("resource") && body.AsObject().ContainsKey("amount"), $"resource and amount are present as null: {body}");
        Assert.Equal("""{"gpus":8,"racks":2}""", Sorted(body["resources"]!));
        Assert.Equal("team-a", (string?)body["consumer"]);
        Assert.Equal("apollo", (string?)body["project"]);
        Assert.Equal(3600, (int?)body["ttlSeconds"]);
        var createdAt = DateTimeOffset.Parse((string)body["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(createdAt.AddSeconds(3600), DateTimeOffset.Parse((string)body["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        var region = await RegionBodyAsync(id);
        Assert.Equal(8, (long?)region["capacity"]!["gpus"]!["reserved"]);
        Assert.Equal(2, (long?)region["capacity"]!["racks"]!["reserved"]);
        Assert.Equal(1, (int?)region["reservations"]);
        var read = await HttpAssert.Json(await _client.GetAsync(created.Headers.Location), HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), read.ToJsonString());
    }

    [Fact]
    public async Task AReplayWithTheResourcesInAnotherOrderAnswersTheOriginalAndAnotherBodyIsAConflict()
    {
        var id = await RegionAsync(gpus: 16, racks: 4);
        var first = await HttpAssert.Json(
            await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"r","resources":{"gpus":8,"racks":2},"consumer":"team-a"}""")),
            HttpStatusCode.Created);

        var replay = await HttpAssert.Json(
            await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"consumer":"team-a","resources":{"racks":2,"gpus":8},"reservationId":"r"}""")),
            HttpStatusCode.OK);
        var otherAmount = await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"r","resources":{"gpus":8,"racks":3},"consumer":"team-a"}"""));
        var otherConsumer = await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"r","resources":{"gpus":8,"racks":2},"consumer":"team-b"}"""));
        var fewerResources = await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"r","resources":{"gpus":8},"consumer":"team-a"}"""));

        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        await HttpAssert.Problem(otherAmount, HttpStatusCode.Conflict, "reservation-id-reused");
        await HttpAssert.Problem(otherConsumer, HttpStatusCode.Conflict, "reservation-id-reused");
        await HttpAssert.Problem(fewerResources, HttpStatusCode.Conflict, "reservation-id-reused");
        var region = await RegionBodyAsync(id);
        Assert.Equal(8, (long?)region["capacity"]!["gpus"]!["reserved"]);
        Assert.Equal(2, (long?)region["capacity"]!["racks"]!["reserved"]);
    }

    [Fact]
    public async Task WhenOneResourceIsShortNothingIsHeldAndTheConflictNamesIt()
    {
        var id = await RegionAsync(gpus: 16, racks: 1);

        var problem = await HttpAssert.Problem(
            await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"r","resources":{"gpus":4,"racks":2}}""")),
            HttpStatusCode.Conflict,
            "insufficient-capacity");

        Assert.Equal("""[{"available":1,"requested":2,"resource":"racks"}]""", Shortfalls(problem));
        Assert.False(problem.AsObject().ContainsKey("available"), $"The form of several resources has no single available figure: {problem}");
        var region = await RegionBodyAsync(id);
        Assert.Equal(0, (long?)region["capacity"]!["gpus"]!["reserved"]);
        Assert.Equal(0, (long?)region["capacity"]!["racks"]!["reserved"]);
        Assert.Equal(0, (int?)region["reservations"]);
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/reservations/r"), HttpStatusCode.NotFound, "reservation-not-found");
    }

    [Fact]
    public async Task TheConflictNamesEveryResourceShortIncludingAPoolTheRegionLacks()
    {
        var id = await RegionAsync(gpus: 16, racks: 4);
        await HttpAssert.Json(
            await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"first","resources":{"gpus":10,"racks":3}}""")),
            HttpStatusCode.Created);

        var problem = await HttpAssert.Problem(
            await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"second","resources":{"racks":2,"gpus":7,"cpus":1,"power":1}}""")),
            HttpStatusCode.Conflict,
            "insufficient-capacity");

        Assert.Equal(
            """[{"available":0,"requested":1,"resource":"cpus"},{"available":6,"requested":7,"resource":"gpus"},{"available":0,"requested":1,"resource":"power"},{"available":1,"requested":2,"resource":"racks"}]""",
            Shortfalls(problem));
        var region = await RegionBodyAsync(id);
        Assert.Equal(10, (long?)region["capacity"]!["gpus"]!["reserved"]);
        Assert.Equal(3, (long?)region["capacity"]!["racks"]!["reserved"]);
    }

    [Fact]
    public async Task TheOneResourceFormKeepsItsAvailableFigureBesideTheShortfalls()
    {
        var id = await RegionAsync(gpus: 10, racks: 1);

        var short1 = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "big", resource = "gpus", amount = 11 }),
            HttpStatusCode.Conflict,
            "insufficient-capacity");
        var missing = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "none", resource = "cpus", amount = 1 }),
            HttpStatusCode.Conflict,
            "insufficient-capacity");

        Assert.Equal(10, (long?)short1["available"]);
        Assert.Equal("""[{"available":10,"requested":11,"resource":"gpus"}]""", Shortfalls(short1));
        Assert.Equal(0, (long?)missing["available"]);
        Assert.Equal("""[{"available":0,"requested":1,"resource":"cpus"}]""", Shortfalls(missing));
    }

    [Fact]
    public async Task AResourcesMapOfOneEntryIsTheOneResourceForm()
    {
        var id = await RegionAsync(gpus: 10, racks: 1);

        var body = await HttpAssert.Json(
            await _client.PostAsync($"/api/regions/{id}/reservations", Json("""{"reservationId":"single","resources":{"gpus":3}}""")),
            HttpStatusCode.Created);

        Assert.Equal("gpus", (string?)body["resource"]);
        Assert.Equal(3, (long?)body["amount"]);
        Assert.Equal("""{"gpus":3}""", Sorted(body["resources"]!));
    }

    [Fact]
    public async Task TheOneResourceFormAnswersWithItsResourceInTheMapToo()
    {
        var id = await RegionAsync(gpus: 10, racks: 1);

        var body = await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "old-form", resource = "racks", amount = 1 }),
            HttpStatusCode.Created);

        Assert.Equal("racks", (string?)body["resource"]);
        Assert.Equal(1, (long?)body["amount"]);
        Assert.Equal("""{"racks":1}""", Sorted(body["resources"]!));
        Assert.Null(body["consumer"]);
        Assert.Null(body["project"]);
    }

    public static TheoryData<string, string[]> InvalidBodies() => new()
    {
        { """{"reservationId":"x","resource":"gpus","amount":1,"resources":{"gpus":1}}""", ["resources"] },
        { """{"reservationId":"x","resource":"gpus","resources":{"gpus":1}}""", ["resources"] },
        { """{"reservationId":"x","amount":1,"resources":{"gpus":1}}""", ["resources"] },
        { """{"reservationId":"x","resources":{}}""", ["resources"] },
        { """{"reservationId":"x","resources":{"GPUS":1}}""", ["resources"] },
        { """{"reservationId":"x","resources":{"gpus":0}}""", ["resources"] },
        { """{"reservationId":"x","resources":{"gpus":1000000000001}}""", ["resources"] },
        { """{"reservationId":"x","resources":""" + Seventeen() + "}", ["resources"] },
        { """{"reservationId":"x"}""", ["amount", "resource"] },
        { """{"reservationId":"x","resources":{"gpus":1},"consumer":"has space","project":"a/b"}""", ["consumer", "project"] },
        { """{"reservationId":"has space","resources":{"gpus":1},"ttlSeconds":0}""", ["reservationId", "ttlSeconds"] },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task AnInvalidReservationBodyIsAValidationProblemNamingEachField(string body, string[] fields)
    {
        var id = await RegionAsync(gpus: 10, racks: 1);

        var problem = await HttpAssert.Problem(await _client.PostAsync($"/api/regions/{id}/reservations", Json(body)), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(fields, HttpAssert.ErrorFields(problem));
        Assert.Equal(0, (int?)(await RegionBodyAsync(id))["reservations"]);
    }

    [Fact]
    public async Task SixteenResourcesAreAllowedInOneReservation()
    {
        var id = await RegionAsync(gpus: 10, racks: 1);
        var names = Enumerable.Range(0, 16).Select(i => $"p{i:D2}").ToArray();
        foreach (var name in names)
        {
            await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/{name}", new { total = 2 }), HttpStatusCode.OK);
        }

        var body = await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "wide", resources = names.ToDictionary(n => n, _ => 1L) }),
            HttpStatusCode.Created);

        Assert.Equal(16, body["resources"]!.AsObject().Count);
    }

    /// <summary>A map of 17 resources, one more than a reservation may hold.</summary>
    private static string Seventeen() => "{" + string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"r{i}\":1")) + "}";

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    /// <summary>A JSON object with its members in ordinal order, for comparing maps whatever order they were written in.</summary>
    private static string Sorted(JsonNode map) =>
        new JsonObject(map.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(long)p.Value!))).ToJsonString();

    /// <summary>The shortfalls sorted by resource, each with its members in ordinal order.</summary>
    private static string Shortfalls(JsonNode problem) =>
        new JsonArray([.. problem["shortfalls"]!.AsArray()
            .OrderBy(s => (string)s!["resource"]!, StringComparer.Ordinal)
            .Select(s => (JsonNode)new JsonObject(s!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))))]).ToJsonString();

    private async Task<string> RegionAsync(long gpus, long racks)
    {
        var id = await Api.CreateOnlineRegionAsync(_client, "gpus", gpus);
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/racks", new { total = racks }), HttpStatusCode.OK);
        return id;
    }

    private async Task<JsonNode> RegionBodyAsync(string id) => await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
}
