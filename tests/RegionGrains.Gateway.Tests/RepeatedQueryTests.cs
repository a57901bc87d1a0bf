using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// A query parameter is given once: the framework would join a repeated one with commas, so a second cursor would
/// page from "a,b" and a second status filter read as a misspelt status. A repeat is a 400 naming each repeated
/// parameter in the API's words, before anything runs.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RepeatedQueryTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/regions?status=Online&status=Offline", "status")]
    [InlineData("/api/regions?limit=5&limit=6", "limit")]
    [InlineData("/api/regions?after=a&after=b&limit=2", "after")]
    [InlineData("/api/regions/fr-paris/history?limit=1&limit=1", "limit")]
    [InlineData("/api/placement/candidates?resources=gpus:1&resources=racks:1", "resources")]
    public async Task ARepeatedParameterIsRefusedNamingIt(string path, string parameter)
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.BadRequest, "validation");

        Assert.Equal([parameter], HttpAssert.ErrorFields(problem));
        Assert.Equal($"{parameter} is given once in the query; a list is one value, joined with commas.", (string?)problem["errors"]![parameter]![0]);
    }

    [Fact]
    public async Task ARepeatedParameterOnAWriteChangesNothing()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var response = await _client.PostAsJsonAsync($"/api/regions/{id}/reservations?dryRun=false&dryRun=false", new { reservationId = "repeated-query", resource = "gpus", amount = 1 });

        await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "validation");
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(0, (long?)region["capacity"]!["gpus"]!["reserved"]);
    }

    [Fact]
    public async Task TheSameParametersOnceAreTaken() =>
        await HttpAssert.Json(await _client.GetAsync(new Uri("/api/regions?status=Online&limit=5", UriKind.Relative)), HttpStatusCode.OK);
}
