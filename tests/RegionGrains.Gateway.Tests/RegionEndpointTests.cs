using System.Net;
using System.Net.Http.Json;
using System.Text;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RegionEndpointTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheDefaultCatalogIsSeededSortedById()
    {
        var regions = (await HttpAssert.Json(await _client.GetAsync("/api/regions"), HttpStatusCode.OK)).AsArray();

        var ids = regions.Select(r => (string)r!["id"]!).ToArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        var saoPaulo = regions.Single(r => (string?)r!["id"] == "br-sao-paulo")!;
        Assert.Equal("Launching", (string?)saoPaulo["status"]);
        Assert.Equal("BR", (string?)saoPaulo["countryCode"]);
        Assert.Equal("Americas", (string?)saoPaulo["geography"]);
        Assert.True((long)saoPaulo["capacity"]!["gpus"]!["available"]! > 0);
        foreach (var planned in new[] { "mx-queretaro", "jp-tokyo", "kr-seoul", "my-kuala-lumpur", "ae-dubai" })
        {
            Assert.Equal("Planned", (string?)regions.Single(r => (string?)r!["id"] == planned)!["status"]);
        }
    }

    [Fact]
    public async Task ListingFiltersByStatusAndGeography()
    {
        var planned = (await HttpAssert.Json(await _client.GetAsync("/api/regions?status=Planned&geography=AsiaPacific"), HttpStatusCode.OK)).AsArray();

        Assert.Contains(planned, r => (string?)r!["id"] == "jp-tokyo");
        Assert.All(planned, r => Assert.Equal("Planned", (string?)r!["status"]));
        Assert.All(planned, r => Assert.Equal("AsiaPacific", (string?)r!["geography"]));
        Assert.DoesNotContain(planned, r => (string?)r!["id"] == "ae-dubai");
    }

    [Fact]
    public async Task AnUnknownFilterValueIsAValidationProblem()
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync("/api/regions?status=Sleeping&geography=Mars"), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(["geography", "status"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task GettingAnUnknownRegionIsNotFound()
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync("/api/regions/zz-nowhere"), HttpStatusCode.NotFound, "region-not-found");

        Assert.Contains("zz-nowhere", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AnInvalidRegionIdIsAValidationProblem()
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync("/api/regions/Not_A_Slug"), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(["id"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task PutCreatesThenUpdatesAndIfMatchGuardsTheVersion()
    {
        var id = Api.NewRegionId();

        var created = await _client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition("First name"));
        var body = await HttpAssert.Json(created, HttpStatusCode.Created);
        Assert.Equal($"/api/regions/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("Planned", (string?)body["status"]);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/regions/{id}") { Content = JsonContent.Create(Api.Definition("Second name")) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await HttpAssert.Problem(await _client.SendAsync(stale), HttpStatusCode.PreconditionFailed, "version-mismatch");

        var current = new HttpRequestMessage(HttpMethod.Put, $"/api/regions/{id}") { Content = JsonContent.Create(Api.Definition("Second name")) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var updated = await HttpAssert.Json(await _client.SendAsync(current), HttpStatusCode.OK);
        Assert.Equal("Second name", (string?)updated["displayName"]);
        Assert.Equal(2, (int?)updated["version"]);

        var read = await _client.GetAsync($"/api/regions/{id}");
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
        Assert.Equal("Second name", (string?)(await HttpAssert.Json(read, HttpStatusCode.OK))["displayName"]);
    }

    [Fact]
    public async Task IfMatchAnyOnAMissingRegionIsAPreconditionFailure()
    {
        var id = Api.NewRegionId();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/regions/{id}") { Content = JsonContent.Create(Api.Definition()) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");

        await HttpAssert.Problem(await _client.SendAsync(request), HttpStatusCode.PreconditionFailed, "version-mismatch");
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task AnInvalidDefinitionListsEveryBadFieldAndCreatesNothing()
    {
        var id = Api.NewRegionId();

        var response = await _client.PutAsJsonAsync($"/api/regions/{id}", new { displayName = "", countryCode = "Brazil", latitude = 91, longitude = 0 });

        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["countryCode", "displayName", "geography", "latitude"], HttpAssert.ErrorFields(problem));
        await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task MalformedJsonIsAProblemNotAnEmptyResponse()
    {
        var response = await _client.PutAsync($"/api/regions/{Api.NewRegionId()}", new StringContent("{\"displayName\": ", Encoding.UTF8, "application/json"));

        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("not valid JSON", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AnUnknownEnumValueInTheBodyIsAProblem()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var response = await _client.PostAsJsonAsync($"/api/regions/{id}/status", new { status = "Sleeping", reason = "x" });

        await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task ABodyOverSixtyFourKilobytesIsRefusedWith413()
    {
        var huge = new string('x', 70 * 1024);

        var response = await _client.PutAsJsonAsync($"/api/regions/{Api.NewRegionId()}", new { displayName = huge, countryCode = "FR", geography = "Europe", latitude = 0, longitude = 0 });

        await HttpAssert.Problem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task ARefusedStatusChangeIsAConflictListingTheAllowedTargets()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/status", new { status = "Planned", reason = "go back" }),
            HttpStatusCode.Conflict,
            "invalid-transition");

        Assert.Equal(["Degraded", "Maintenance", "Offline"], problem["allowedTargets"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("Online", (string?)problem["currentStatus"]);
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal("Online", (string?)region["status"]);
    }

    [Fact]
    public async Task AStatusChangeNeedsAReason()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var problem = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/status", new { status = "Degraded" }),
            HttpStatusCode.BadRequest,
            "validation");

        Assert.Equal(["reason"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task StatusAndCapacityOfAnUnknownRegionAreNotFound()
    {
        await HttpAssert.Problem(await _client.PostAsJsonAsync("/api/regions/zz-none/status", new { status = "Online", reason = "x" }), HttpStatusCode.NotFound, "region-not-found");
        await HttpAssert.Problem(await _client.PutAsJsonAsync("/api/regions/zz-none/capacity/gpus", new { total = 1 }), HttpStatusCode.NotFound, "region-not-found");
        await HttpAssert.Problem(await _client.GetAsync("/api/regions/zz-none/history"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task CapacityCannotGoBelowWhatIsReserved()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, "racks", 10);
        (await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "a", resource = "racks", amount = 6 })).EnsureSuccessStatusCode();

        var problem = await HttpAssert.Problem(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/racks", new { total = 5 }), HttpStatusCode.Conflict, "below-reserved");
        Assert.Equal(6, (long?)problem["reserved"]);

        var bad = await HttpAssert.Problem(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/Racks!", new { total = -1 }), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["resource", "total"], HttpAssert.ErrorFields(bad));

        var region = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/racks", new { total = 12 }), HttpStatusCode.OK);
        Assert.Equal(6, (long?)region["capacity"]!["racks"]!["available"]);
    }

    [Fact]
    public async Task HistoryIsNewestFirstAndTheLimitIsValidated()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var events = (await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}/history?limit=2"), HttpStatusCode.OK)).AsArray();

        Assert.Equal(["CapacitySet", "StatusChanged"], events.Select(e => (string)e!["kind"]!));
        Assert.Equal("setup", (string?)events[1]!["reason"]);
        var problem = await HttpAssert.Problem(await _client.GetAsync($"/api/regions/{id}/history?limit=0"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["limit"], HttpAssert.ErrorFields(problem));
    }
}
