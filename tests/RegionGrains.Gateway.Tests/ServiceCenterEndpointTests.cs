using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>Service centers through the API: the catalog's two, their fields, their refusals and the kind filter.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ServiceCenterEndpointTests(SharedGateway factory)
{
    private static readonly string[] CatalogServiceCenters = ["de-frankfurt-support", "id-jakarta-support"];

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, string> InvalidSites() => new()
    {
        { "a service center without languages or hours", """{"kind":"ServiceCenter"}""", "languages,supportHours" },
        { "a data center with languages", """{"languages":["en"]}""", "languages" },
        { "a data center with support hours", """{"kind":"DataCenter","supportHours":"24/7"}""", "supportHours" },
        { "an upper-case language", """{"kind":"ServiceCenter","languages":["EN"],"supportHours":"24/7"}""", "languages" },
        { "a language with a trailing newline", """{"kind":"ServiceCenter","languages":["en\n"],"supportHours":"24/7"}""", "languages" },
        { "a null language", """{"kind":"ServiceCenter","languages":[null],"supportHours":"24/7"}""", "languages" },
        { "a language twice", """{"kind":"ServiceCenter","languages":["de","de"],"supportHours":"24/7"}""", "languages" },
        { "blank hours", """{"kind":"ServiceCenter","languages":["de"],"supportHours":" "}""", "supportHours" },
    };

    [Fact]
    public async Task TheCatalogHoldsBothAnnouncedServiceCentersWithTheirLanguagesAndHours()
    {
        var jakarta = await HttpAssert.Json(await _client.GetAsync("/api/regions/id-jakarta-support"), HttpStatusCode.OK);
        var frankfurt = await HttpAssert.Json(await _client.GetAsync("/api/regions/de-frankfurt-support"), HttpStatusCode.OK);
        var frankfurtDataCenter = await HttpAssert.Json(await _client.GetAsync("/api/regions/de-frankfurt"), HttpStatusCode.OK);

        Assert.Equal("ServiceCenter", (string?)jakarta["kind"]);
        Assert.Equal("ID", (string?)jakarta["countryCode"]);
        Assert.Equal("Online", (string?)jakarta["status"]);
        Assert.Equal("24/7", (string?)jakarta["supportHours"]);
        Assert.Contains("id", Languages(jakarta));
        Assert.Contains("en", Languages(jakarta));
        Assert.Empty(jakarta["capacity"]!.AsObject());

        Assert.Equal("ServiceCenter", (string?)frankfurt["kind"]);
        Assert.Equal("DE", (string?)frankfurt["countryCode"]);
        Assert.Equal("Online", (string?)frankfurt["status"]);
        Assert.Equal("24/7", (string?)frankfurt["supportHours"]);
        Assert.Superset(new HashSet<string> { "de", "en", "fr" }, Languages(frankfurt).ToHashSet());

        Assert.Equal("DataCenter", (string?)frankfurtDataCenter["kind"]);
        Assert.Empty(Languages(frankfurtDataCenter));
        Assert.Null(frankfurtDataCenter["supportHours"]);
        Assert.True(frankfurtDataCenter.AsObject().ContainsKey("supportHours"), "supportHours is present (null) on a data center");
    }

    [Fact]
    public async Task ListingFiltersByKind()
    {
        var serviceCenters = (await HttpAssert.Json(await _client.GetAsync("/api/regions?kind=ServiceCenter"), HttpStatusCode.OK)).AsArray();
        var dataCenters = (await HttpAssert.Json(await _client.GetAsync("/api/regions?kind=DataCenter&geography=Europe"), HttpStatusCode.OK)).AsArray();

        Assert.Superset(CatalogServiceCenters.ToHashSet(), serviceCenters.Select(r => (string)r!["id"]!).ToHashSet());
        Assert.All(serviceCenters, r => Assert.Equal("ServiceCenter", (string?)r!["kind"]));
        Assert.Contains(dataCenters, r => (string?)r!["id"] == "de-frankfurt");
        Assert.DoesNotContain(dataCenters, r => (string?)r!["id"] == "de-frankfurt-support");
        Assert.All(dataCenters, r => Assert.Equal("DataCenter", (string?)r!["kind"]));
    }

    [Theory]
    [InlineData("Shop")]
    [InlineData("1")]
    [InlineData("servicecenter")]
    [InlineData("DataCenter,ServiceCenter")]
    public async Task AnUnknownKindFilterIsAValidationProblem(string kind)
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync($"/api/regions?kind={Uri.EscapeDataString(kind)}"), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(["kind"], HttpAssert.ErrorFields(problem));
        Assert.Contains("ServiceCenter", (string?)problem["errors"]!["kind"]![0]);
    }

    [Fact]
    public async Task AServiceCenterRefusesCapacityAndReservationsWithAProblemSayingWhy()
    {
        var id = await CreateServiceCenterAsync();
        foreach (var status in new[] { "UnderConstruction", "Launching", "Online" })
        {
            (await _client.PostAsJsonAsync($"/api/regions/{id}/status", new { status, reason = "opening" })).EnsureSuccessStatusCode();
        }

        var capacity = await HttpAssert.Problem(
            await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/racks", new { total = 10 }), HttpStatusCode.Conflict, "not-a-data-center");
        var reservation = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "sc-1", resource = "racks", amount = 1 }), HttpStatusCode.Conflict, "not-a-data-center");

        foreach (var problem in new[] { capacity, reservation })
        {
            Assert.Equal("ServiceCenter", (string?)problem["kind"]);
            Assert.Contains("not a data center", (string?)problem["detail"], StringComparison.Ordinal);
            Assert.Contains("no capacity pools and takes no reservations", (string?)problem["detail"], StringComparison.Ordinal);
        }

        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Empty(region["capacity"]!.AsObject());
        Assert.Equal(0, (int?)region["reservations"]);
        Assert.Equal("Online", (string?)region["status"]);
    }

    [Fact]
    public async Task ARequestWithoutKindCreatesADataCenter()
    {
        var id = Api.NewRegionId();

        var created = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition()), HttpStatusCode.Created);

        Assert.Equal("DataCenter", (string?)created["kind"]);
        Assert.Empty(Languages(created));
        Assert.Null(created["supportHours"]);
    }

    [Theory]
    [MemberData(nameof(InvalidSites))]
    public async Task InvalidSiteFieldsAreAValidationProblemNamingEachField(string because, string siteFields, string fields)
    {
        var id = Api.NewRegionId();
        var body = JsonNode.Parse(siteFields)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Api.Definition()))!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var response = await _client.PutAsJsonAsync($"/api/regions/{id}", body);

        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "validation");
        Assert.True(string.Join(",", HttpAssert.ErrorFields(problem)) == fields, $"{because}: {problem}");
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task ARegionsKindCannotChangeAndAnUnchangedServiceCenterKeepsItsVersion()
    {
        var id = await CreateServiceCenterAsync();

        // The same body again is no change; a body without kind (a client from before kinds) would make it a data center.
        var same = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}", ServiceCenter()), HttpStatusCode.OK);
        var changed = await _client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition());

        Assert.Equal(1, (long?)same["version"]);
        var problem = await HttpAssert.Problem(changed, HttpStatusCode.Conflict, "kind-change-refused");
        Assert.Equal("ServiceCenter", (string?)problem["kind"]);
        Assert.Contains("fixed", (string?)problem["detail"], StringComparison.Ordinal);

        var dataCenter = await Api.CreateOnlineRegionAsync(_client);
        await HttpAssert.Problem(await _client.PutAsJsonAsync($"/api/regions/{dataCenter}", ServiceCenter()), HttpStatusCode.Conflict, "kind-change-refused");
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal("ServiceCenter", (string?)region["kind"]);
        Assert.Equal(1, (long?)region["version"]);
    }

    [Fact]
    public async Task TheFootprintCountsSitesByKind()
    {
        var footprint = await HttpAssert.Json(await _client.GetAsync("/api/footprint"), HttpStatusCode.OK);

        var byKind = footprint["byKind"]!.AsObject();
        Assert.Equal(["DataCenter", "ServiceCenter"], byKind.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True((int)byKind["ServiceCenter"]! >= CatalogServiceCenters.Length, $"byKind: {byKind}");
        Assert.Equal((int)footprint["regions"]!, byKind.Sum(p => (int)p.Value!));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesKindsLanguagesAndHours()
    {
        var document = await HttpAssert.Json(await _client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var parameters = document["paths"]!["/api/regions"]!["get"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]);
        Assert.Contains("kind", parameters);
        var schemas = document["components"]!["schemas"]!;
        foreach (var (schema, property) in new[]
        {
            ("RegionResponse", "kind"), ("RegionResponse", "languages"), ("RegionResponse", "supportHours"),
            ("RegionDefinitionRequest", "kind"), ("RegionDefinitionRequest", "languages"), ("RegionDefinitionRequest", "supportHours"),
            ("FootprintResponse", "byKind"),
        })
        {
            Assert.True(schemas[schema]?["properties"]?[property] is not null, $"{schema}.{property} is in the OpenAPI document");
        }

        Assert.NotNull(document["paths"]!["/api/regions/{id}"]!["put"]!["responses"]!["409"]);
        Assert.NotNull(document["paths"]!["/api/regions/{id}/capacity/{resource}"]!["put"]!["responses"]!["409"]);
    }

    private static object ServiceCenter() => new
    {
        displayName = "Test service center",
        countryCode = "ID",
        geography = "AsiaPacific",
        latitude = -6.2,
        longitude = 106.8,
        kind = "ServiceCenter",
        languages = new[] { "id", "en" },
        supportHours = "Mo-Fr 08:00-20:00 Asia/Jakarta",
    };

    private async Task<string> CreateServiceCenterAsync()
    {
        var id = Api.NewRegionId();
        var created = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}", ServiceCenter()), HttpStatusCode.Created);
        Assert.Equal("ServiceCenter", (string?)created["kind"]);
        Assert.Equal(["id", "en"], Languages(created));
        Assert.Equal("Mo-Fr 08:00-20:00 Asia/Jakarta", (string?)created["supportHours"]);
        return id;
    }

    private static string[] Languages(JsonNode region) => [.. region["languages"]!.AsArray().Select(l => (string)l!)];
}
