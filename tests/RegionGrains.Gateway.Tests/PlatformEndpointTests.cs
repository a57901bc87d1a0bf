using System.Net;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class PlatformEndpointTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswerHealthyWhenTheClusterRuns(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryRoute()
    {
        var document = await HttpAssert.Json(await _client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "/api/regions", "/api/regions/{id}", "/api/regions/{id}/status", "/api/regions/{id}/capacity/{resource}",
                "/api/regions/{id}/reservations", "/api/regions/{id}/reservations/{reservationId}", "/api/regions/{id}/history",
                "/api/footprint", "/api/footprint/events", "/api/regions:batch",
            },
            paths);
        Assert.NotNull(document["paths"]!["/api/regions/{id}/reservations"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(document["paths"]!["/api/regions:batch"]!["post"]!["responses"]!["413"]);
        Assert.NotNull(document["paths"]!["/api/regions:batch"]!["post"]!["requestBody"]);
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheConditionalHeadersEachOperationHonours()
    {
        var document = await HttpAssert.Json(await _client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        string[] Headers(string path, string method) =>
            [.. (document["paths"]![path]![method]!["parameters"]?.AsArray() ?? []).Where(p => (string?)p!["in"] == "header").Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal)];

        Assert.Equal(["If-None-Match"], Headers("/api/regions/{id}", "get"));
        Assert.Equal(["If-Match", "If-None-Match"], Headers("/api/regions/{id}", "put"));
        Assert.Equal(["If-Match"], Headers("/api/regions/{id}/status", "post"));
        Assert.Equal(["If-Match"], Headers("/api/regions/{id}/capacity/{resource}", "put"));
        Assert.Equal(["If-Match"], Headers("/api/regions/{id}/reservations", "post"));
        Assert.Equal(["If-Match"], Headers("/api/regions/{id}/reservations/{reservationId}", "delete"));
        Assert.Empty(Headers("/api/regions", "get"));
        Assert.NotNull(document["paths"]!["/api/regions/{id}/reservations/{reservationId}"]!["delete"]!["responses"]!["412"]);
    }

    [Fact]
    public async Task TheApiReferencePageIsServed()
    {
        var response = await _client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownRouteIsAProblem()
    {
        var response = await _client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
