using System.Net;
using System.Net.Http.Json;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>A bulk definition is the admin's, as PUT is, and each region records who defined it.</summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class RegionBatchAccessTests(SecuredGateway gateway)
{
    [Theory]
    [InlineData("operator")]
    [InlineData("reader")]
    public async Task OnlyAnAdminMayDefineRegionsInBulk(string role)
    {
        var id = Api.NewRegionId();
        using var client = gateway.ClientFor(bearer: SecuredGateway.Token($"{role}-person", role));

        var response = await client.PostAsJsonAsync("/api/regions:batch", new { regions = new[] { new { id, definition = Api.Definition() } } });

        await HttpAssert.Problem(response, HttpStatusCode.Forbidden, "forbidden");
        using var admin = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"]);
        await HttpAssert.Problem(await admin.GetAsync($"/api/regions/{id}"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task EachRegionOfABulkDefinitionRecordsTheCaller()
    {
        var ids = new[] { Api.NewRegionId(), Api.NewRegionId() };
        using var ada = gateway.ClientFor(bearer: SecuredGateway.Token("ada", "admin"));

        var body = await HttpAssert.Json(await ada.PostAsJsonAsync("/api/regions:batch", new { regions = ids.Select(id => new { id, definition = Api.Definition() }) }), HttpStatusCode.OK);

        Assert.Equal(2, (int)body["created"]!);
        foreach (var id in ids)
        {
            Assert.Equal("ada", Assert.Single(gateway.Actors[id], c => c.Method == nameof(IRegionGrain.DefineAsync)).Actor);
            var history = (await HttpAssert.Json(await ada.GetAsync($"/api/regions/{id}/history"), HttpStatusCode.OK)).AsArray();
            Assert.Equal("ada", (string?)Assert.Single(history)!["actor"]);
        }
    }
}
