using System.Net.Http.Json;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>The gateway names the caller to the region on every change: the token subject or the API key's name.</summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class ActorTests(SecuredGateway gateway)
{
    [Fact]
    public async Task EveryChangeCarriesTheCallersNameToTheRegionAndItsHistory()
    {
        using var admin = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"]);
        using var alice = gateway.ClientFor(bearer: SecuredGateway.Token("alice", "operator"));
        var id = Api.NewRegionId();

        (await admin.PutAsJsonAsync($"/api/regions/{id}", Api.Definition())).EnsureSuccessStatusCode();
        (await alice.PostAsJsonAsync($"/api/regions/{id}/status", new { status = "UnderConstruction", reason = "groundbreaking" })).EnsureSuccessStatusCode();
        (await alice.PutAsJsonAsync($"/api/regions/{id}/capacity/racks", new { total = 10 })).EnsureSuccessStatusCode();

        var calls = gateway.Actors[id].ToArray();
        Assert.Equal("admin-key", Assert.Single(calls, c => c.Method == nameof(IRegionGrain.DefineAsync)).Actor);
        Assert.Equal("alice", Assert.Single(calls, c => c.Method == nameof(IRegionGrain.ChangeStatusAsync)).Actor);
        Assert.Equal("alice", Assert.Single(calls, c => c.Method == nameof(IRegionGrain.SetCapacityAsync)).Actor);
        // The history says who made each change, newest first.
        var history = (await HttpAssert.Json(await alice.GetAsync($"/api/regions/{id}/history"), System.Net.HttpStatusCode.OK)).AsArray();
        Assert.Equal("alice,alice,admin-key", string.Join(",", history.Select(e => (string?)e!["actor"])));

        // Reads name nobody: they change nothing, and carry nothing extra.
        await alice.GetAsync($"/api/regions/{id}");
        Assert.All(gateway.Actors[id].Where(c => c.Method == nameof(IRegionGrain.GetAsync)), c => Assert.Null(c.Actor));
    }

    [Fact]
    public async Task WithoutAuthenticationChangesAreRecordedAsAnonymous()
    {
        await using var open = new GatewayFactory(GatewayFactory.NewDataDirectory());
        using var client = open.CreateClient();
        var id = Api.NewRegionId();

        (await client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition())).EnsureSuccessStatusCode();

        var history = (await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}/history"), System.Net.HttpStatusCode.OK)).AsArray();
        Assert.Equal(RegionActor.Anonymous, (string?)Assert.Single(history)!["actor"]);
    }
}
