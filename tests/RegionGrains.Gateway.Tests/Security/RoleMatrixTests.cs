using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>Every endpoint with every role, through the real gateway: allowed at and above its role, refused below with problem+json.</summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class RoleMatrixTests(SecuredGateway gateway)
{
    private static readonly string[] Roles = ["anonymous", "reader", "operator", "admin"];

    /// <summary>Each route with the lowest role that may call it.</summary>
    private static readonly Dictionary<string, (string MinimumRole, bool Changes, Func<HttpClient, string, Task<HttpResponseMessage>> Send)> Routes = new()
    {
        ["list regions"] = ("reader", false, (c, _) => c.GetAsync("/api/regions")),
        ["get region"] = ("reader", false, (c, id) => c.GetAsync($"/api/regions/{id}")),
        ["history"] = ("reader", false, (c, id) => c.GetAsync($"/api/regions/{id}/history")),
        ["footprint"] = ("reader", false, (c, _) => c.GetAsync("/api/footprint")),
        ["get reservation"] = ("reader", false, (c, id) => c.GetAsync($"/api/regions/{id}/reservations/held-1")),
        ["footprint events"] = ("reader", false, (c, _) => c.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead)),
        ["define region"] = ("admin", true, (c, id) => c.PutAsJsonAsync($"/api/regions/{id}", Api.Definition("Renamed"))),
        ["define regions in bulk"] = ("admin", true, (c, id) => c.PostAsJsonAsync("/api/regions:batch", new { regions = new[] { new { id, definition = Api.Definition("Renamed") } } })),
        ["change status"] = ("operator", true, (c, id) => c.PostAsJsonAsync($"/api/regions/{id}/status", new { status = "Degraded", reason = "matrix" })),
        ["decommission"] = ("admin", true, (c, id) => c.PostAsJsonAsync($"/api/regions/{id}/status", new { status = "Decommissioned", reason = "matrix" })),
        ["set capacity"] = ("operator", true, (c, id) => c.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 150 })),
        ["reserve"] = ("operator", true, (c, id) => c.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "m-1", resource = "gpus", amount = 2 })),
        ["release"] = ("operator", true, (c, id) => c.DeleteAsync($"/api/regions/{id}/reservations/held-1")),
        ["list schedule"] = ("reader", false, (c, id) => c.GetAsync($"/api/regions/{id}/schedule")),
        ["schedule"] = ("operator", true, (c, id) => c.PostAsJsonAsync($"/api/regions/{id}/schedule", new { at = Ahead(), status = "Degraded", reason = "matrix", capacity = new { gpus = 150 } })),
        ["schedule a decommission"] = ("admin", true, (c, id) => c.PostAsJsonAsync($"/api/regions/{id}/schedule", new { at = Ahead(), status = "Decommissioned", reason = "matrix" })),
        ["cancel scheduled"] = ("operator", true, (c, id) => c.DeleteAsync($"/api/regions/{id}/schedule/none")),
        ["metrics from another machine"] = ("reader", false, (c, _) => c.GetAsync("/metrics")),
        ["openapi from another machine"] = ("reader", false, (c, _) => c.GetAsync("/openapi/v1.json")),
        ["api reference from another machine"] = ("reader", false, (c, _) => c.GetAsync("/scalar")),
        ["orleans dashboard"] = ("admin", false, (c, _) => c.GetAsync("/dashboard")),
        ["map page"] = ("anonymous", false, (c, _) => c.GetAsync("/")),
        ["health"] = ("anonymous", false, (c, _) => c.GetAsync("/health/live")),
    };

    private static string Ahead() => DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes.Keys)
        {
            foreach (var role in Roles)
            {
                data.Add(route, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachRoleIsAllowedExactlyTheRoutesOfItsRole(string route, string role)
    {
        var (minimum, changes, send) = Routes[route];
        var admin = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"]);
        var id = await PrepareRegionAsync(admin, decommissionable: route == "decommission");
        var before = await VersionOf(admin, id);
        using var client = gateway.ClientFor(apiKey: role == "anonymous" ? null : SecuredGateway.Keys[role], clientAddress: "203.0.113.7");

        using var response = await send(client, id);

        if (Array.IndexOf(Roles, role) >= Array.IndexOf(Roles, minimum))
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)response.StatusCode >= 500)
            {
                Assert.Fail($"{role} on {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return;
        }

        if (role == "anonymous")
        {
            await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
            var challenges = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
            Assert.Contains("Bearer", challenges, StringComparison.Ordinal);
            Assert.Contains("ApiKey header=\"X-Api-Key\"", challenges, StringComparison.Ordinal);
        }
        else
        {
            await HttpAssert.Problem(response, HttpStatusCode.Forbidden, "forbidden");
        }

        if (changes)
        {
            Assert.Equal(before, await VersionOf(admin, id));
        }
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    public async Task ManagementEndpointsArePublicOnLoopbackOnly(string path)
    {
        using var local = gateway.ClientFor(clientAddress: "127.0.0.1");
        using var remote = gateway.ClientFor(clientAddress: "198.51.100.20");

        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync(path)).StatusCode);
        await HttpAssert.Problem(await remote.GetAsync(path), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("reader", HttpStatusCode.Forbidden)]
    [InlineData("operator", HttpStatusCode.Created)]
    [InlineData("admin", HttpStatusCode.Created)]
    public async Task ABearerTokensRoleClaimsDecideWhatItMayDo(string role, HttpStatusCode expected)
    {
        var admin = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"]);
        var id = await PrepareRegionAsync(admin, decommissionable: false);
        using var client = gateway.ClientFor(bearer: SecuredGateway.Token($"{role}-person", role));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/regions/{id}")).StatusCode);
        var response = await client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "b-1", resource = "gpus", amount = 1 });

        Assert.True(expected == response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATokenFromAnotherIssuerKeyIsRefusedWithTheBearerError()
    {
        using var client = gateway.ClientFor(bearer: SecuredGateway.ForeignToken("mallory", "admin"));

        var response = await client.GetAsync("/api/footprint");

        await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && (h.Parameter ?? string.Empty).Contains("invalid_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownApiKeyIsRefused()
    {
        using var client = gateway.ClientFor(apiKey: "not-a-configured-key");

        await HttpAssert.Problem(await client.GetAsync("/api/regions"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("junk")]
    [InlineData("valid")]
    public async Task AnApiKeyWithAnAuthorizationHeaderBesideItIsRefused(string token)
    {
        // A good key must not carry a bad token through, and with two good credentials which one acts would be a guess.
        var bearer = token == "valid" ? SecuredGateway.Token("admin-person", "admin") : "junk";
        using var client = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"], bearer: bearer);

        var response = await client.GetAsync("/api/regions");

        await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("both were sent", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var keyOnly = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"]);
        Assert.Equal(HttpStatusCode.OK, (await keyOnly.GetAsync("/api/regions")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDeclaresBothSchemesAndTheRolesOfEachOperation()
    {
        using var client = gateway.ClientFor(clientAddress: "127.0.0.1");
        var document = await HttpAssert.Json(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);
        Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
        var define = document["paths"]!["/api/regions/{id}"]!["put"]!;
        Assert.Equal(2, define["security"]!.AsArray().Count);
        Assert.Contains("Roles allowed: admin.", (string?)define["description"], StringComparison.Ordinal);
        Assert.Null(document["paths"]!["/health/live"]?["get"]?["security"]);
    }

    private static async Task<string> PrepareRegionAsync(HttpClient admin, bool decommissionable)
    {
        if (decommissionable)
        {
            var planned = Api.NewRegionId();
            (await admin.PutAsJsonAsync($"/api/regions/{planned}", Api.Definition())).EnsureSuccessStatusCode();
            return planned;
        }

        var id = await Api.CreateOnlineRegionAsync(admin);
        (await admin.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "held-1", resource = "gpus", amount = 1 })).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<long> VersionOf(HttpClient admin, string id) =>
        (long)(await HttpAssert.Json(await admin.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!;
}
