using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary><c>POST /api/regions:batch</c>: each region defined as PUT defines it, answered item by item in request order.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RegionBatchTests(SharedGateway factory)
{
    private const string Route = "/api/regions:batch";
    private static readonly string[] Portuguese = ["pt"];
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task EachRegionIsAnsweredAsPutWouldInRequestOrder()
    {
        var (same, renamed, fresh, badDefinition) = (Api.NewRegionId(), Api.NewRegionId(), Api.NewRegionId(), Api.NewRegionId());
        (await _client.PutAsJsonAsync($"/api/regions/{same}", Api.Definition("Kept"))).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync($"/api/regions/{renamed}", Api.Definition("Old name"))).EnsureSuccessStatusCode();

        var response = await _client.PostAsJsonAsync(Route, new
        {
            regions = new object?[]
            {
                new { id = fresh, definition = Api.Definition("Fresh") },
                new { id = same, definition = Api.Definition("Kept") },
                new { id = renamed, definition = Api.Definition("New name") },
                new { id = "Not_A_Slug", definition = Api.Definition() },
                new { id = badDefinition, definition = new { displayName = "", countryCode = "Brazil", geography = "Europe", latitude = 91, longitude = 0 } },
                new { id = "br-sao-paulo", definition = new { displayName = "São Paulo", countryCode = "BR", geography = "Americas", latitude = -23.5, longitude = -46.6, kind = "ServiceCenter", languages = Portuguese, supportHours = "24/7" } },
                null,
            },
        });

        var body = await HttpAssert.Json(response, HttpStatusCode.OK);
        var results = body["results"]!.AsArray();
        Assert.Equal([fresh, same, renamed, "Not_A_Slug", badDefinition, "br-sao-paulo", null], results.Select(r => (string?)r!["id"]));
        Assert.Equal(["Created", "Unchanged", "Updated", "Failed", "Failed", "Failed", "Failed"], results.Select(r => (string)r!["outcome"]!));
        Assert.Equal([201, 200, 200, 400, 400, 409, 400], results.Select(r => (int)r!["status"]!));
        Assert.Equal([1L, 1L, 2L], results.Take(3).Select(r => (long)r!["version"]!));
        Assert.Equal((1, 1, 1, 4), ((int)body["created"]!, (int)body["unchanged"]!, (int)body["updated"]!, (int)body["failed"]!));

        Assert.Equal(["id"], ErrorFields(results[3]!));
        Assert.Equal(["countryCode", "displayName", "latitude"], ErrorFields(results[4]!));
        Assert.Equal("urn:regiongrains:problem:kind-change-refused", (string?)results[5]!["problem"]!["type"]);
        Assert.Equal("DataCenter", (string?)results[5]!["problem"]!["kind"]);
        Assert.Equal(["definition", "id"], ErrorFields(results[6]!));

        Assert.Equal("Fresh", (string?)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{fresh}"), HttpStatusCode.OK))["displayName"]);
        Assert.Equal("Planned", (string?)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{fresh}"), HttpStatusCode.OK))["status"]);
        var updated = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{renamed}"), HttpStatusCode.OK);
        Assert.Equal(("New name", 2L), ((string?)updated["displayName"], (long)updated["version"]!));
        Assert.Equal(1L, (long)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{same}"), HttpStatusCode.OK))["version"]!);
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{badDefinition}"), HttpStatusCode.NotFound, "region-not-found");
        Assert.Equal("DataCenter", (string?)(await HttpAssert.Json(await _client.GetAsync("/api/regions/br-sao-paulo"), HttpStatusCode.OK))["kind"]);
    }

    [Fact]
    public async Task CreatedRegionsAreListedAndCountedInTheFootprint()
    {
        var prefix = $"bt-{Guid.NewGuid():N}"[..15];
        var ids = Enumerable.Range(0, 40).Select(i => $"{prefix}-{i:D3}").ToArray();
        var before = await HttpAssert.Json(await _client.GetAsync("/api/footprint"), HttpStatusCode.OK);

        var body = await HttpAssert.Json(await _client.PostAsJsonAsync(Route, new { regions = ids.Select(id => new { id, definition = Api.Definition(id) }) }), HttpStatusCode.OK);

        Assert.Equal(ids.Length, (int)body["created"]!);
        // Listed at once: a creation is acknowledged only once its footprint partition holds it.
        var page = (await HttpAssert.Json(await _client.GetAsync($"/api/regions?after={prefix}&limit={ids.Length}"), HttpStatusCode.OK)).AsArray();
        Assert.Equal(ids, page.Select(r => (string)r!["id"]!));
        Assert.All(page, r => Assert.Equal("Planned", (string?)r!["status"]));
        var footprint = await FootprintOracle.WaitUntilFootprintIsTheSumAsync(_client, Settle);
        Assert.True((int)footprint["regions"]! >= (int)before["regions"]! + ids.Length, $"{footprint["regions"]} regions after {before["regions"]} and {ids.Length} more");
    }

    [Fact]
    public async Task ADryRunAnswersTheSameAndStoresNothing()
    {
        var id = Api.NewRegionId();

        var body = await HttpAssert.Json(await _client.PostAsJsonAsync($"{Route}?dryRun=true", new { regions = new[] { new { id, definition = Api.Definition() } } }), HttpStatusCode.OK);

        Assert.Equal(("Created", 201), ((string?)body["results"]![0]!["outcome"], (int)body["results"]![0]!["status"]!));
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.NotFound, "region-not-found");
    }

    public static TheoryData<string, string, string> RefusedLists() => new()
    {
        { "no list", "{}", "regions is required" },
        { "a null list", """{"regions":null}""", "regions is required" },
        { "an empty list", """{"regions":[]}""", "regions is required" },
        { "one region more than allowed", Regions(10_001), "a list of 1 to 10000 regions" },
        { "an id twice", """{"regions":[{"id":"dup-a"},{"id":"dup-b"},{"id":"dup-a"}]}""", "given more than once: dup-a." },
    };

    [Theory]
    [MemberData(nameof(RefusedLists))]
    public async Task AListThatIsNotOneToTenThousandDistinctRegionsIsRefusedWholeSayingWhy(string _, string json, string expected)
    {
        var response = await _client.PostAsync(Route, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["regions"], HttpAssert.ErrorFields(problem));
        Assert.Contains(expected, (string)problem["errors"]!["regions"]![0]!, StringComparison.Ordinal);
        await HttpAssert.Problem(await _client.GetAsync("/api/regions/dup-a"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task AFieldOfTheWrongTypeIsNamedWithItsItem()
    {
        var json = """{"regions":[{"id":"wt-a","definition":{"displayName":"A","countryCode":"FR","geography":"Europe","latitude":1,"longitude":2}},{"id":"wt-b","definition":{"displayName":"B","countryCode":"FR","geography":"Europe","latitude":"north","longitude":2}}]}""";

        var problem = await HttpAssert.Problem(await _client.PostAsync(Route, new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "malformed-request");

        Assert.Equal(["regions[1].definition.latitude"], HttpAssert.ErrorFields(problem));
        Assert.StartsWith("latitude is required", (string)problem["errors"]!["regions[1].definition.latitude"]![0]!, StringComparison.Ordinal);
        await HttpAssert.Problem(await _client.GetAsync("/api/regions/wt-a"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task ABodyOverTheRoutesOwnLimitIsRefusedWith413NamingIt()
    {
        // 8 MiB and one byte: over the route's limit, far over the 64 KiB of the other routes.
        var padding = new string(' ', 8 * 1024 * 1024);

        var response = await _client.PostAsync(Route, new StringContent(padding + "{}", Encoding.UTF8, "application/json"));

        var problem = await HttpAssert.Problem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal("Request bodies are limited to 8388608 bytes.", (string?)problem["detail"]);
    }

    [Fact]
    public async Task ABodyOverSixtyFourKilobytesIsTakenOnThisRoute()
    {
        // About 160 KB: 1,000 definitions that the body check refuses item by item after reading them all.
        var item = """{"id":"Big_#","definition":{"displayName":"A region with a long enough name #","countryCode":"FR","geography":"Europe","latitude":1,"longitude":2}}""";
        var json = $$"""{"regions":[{{string.Join(",", Enumerable.Range(0, 1_000).Select(i => item.Replace("#", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)))}}]}""";
        Assert.True(json.Length > 64 * 1024);

        var body = await HttpAssert.Json(await _client.PostAsync(Route, new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.OK);

        Assert.Equal(1_000, (int)body["failed"]!);
        Assert.All(body["results"]!.AsArray(), r => Assert.Equal(["id"], ErrorFields(r!)));
    }

    public static TheoryData<string> OddBodies() =>
    [
        "[]", "null", "\"regions\"", "{\"regions\":{}}", "{\"regions\":[1,2]}", "{\"regions\":[[]]}", "{\"regions\":[{\"id\":5}]}",
        "{\"regions\":[{\"id\":\"odd-a\",\"definition\":null}]}", "{\"regions\":[{\"id\":\"odd-a\",\"definition\":{\"kind\":\"Nope\"}}]}",
        "{\"regions\":[{\"id\":\"odd-a\",\"definition\":{\"latitude\":1e400}}]}", "{\"regions\":[{\"id\":\"odd-a\",\"id\":\"odd-b\"}]}",
        "{\"regions\":[{\"id\":\"odd-a\",\"definition\":{\"displayName\":\"\\ud800\",\"countryCode\":\"FR\",\"geography\":\"Europe\",\"latitude\":1,\"longitude\":2}}]}",
        "{\"Regions\":[{\"ID\":\"odd-a\",\"Definition\":{}}]}",
        new string('[', 5_000),
    ];

    [Theory]
    [MemberData(nameof(OddBodies))]
    public async Task NoBodyIsAnsweredWithAServerError(string json)
    {
        var response = await _client.PostAsync(Route, new StringContent(json, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 200 or 400, $"{(int)response.StatusCode}: {text}");
        var expectedType = response.StatusCode == HttpStatusCode.OK ? "application/json" : "application/problem+json";
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
        await HttpAssert.Problem(await _client.GetAsync("/api/regions/odd-a"), HttpStatusCode.NotFound, "region-not-found");
    }

    private static string Regions(int count) =>
        $$"""{"regions":[{{string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"id":"many-{{i}}"}"""))}}]}""";

    private static string[] ErrorFields(JsonNode result) => HttpAssert.ErrorFields(result["problem"]!);
}
