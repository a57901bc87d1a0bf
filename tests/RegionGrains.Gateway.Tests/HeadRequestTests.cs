using System.Net;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// HEAD wherever GET is (RFC 9110 §9.1, §9.3.2): the GET's status and header fields, no content. Routes are mapped for
/// GET; <c>HeadRequests</c> answers HEAD from them (without it, ASP.NET Core answers a HEAD with 405).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HeadRequestTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/regions/fr-paris")]
    [InlineData("/api/regions?limit=2")]
    [InlineData("/api/regions/fr-paris/history?limit=2")]
    [InlineData("/api/footprint")]
    [InlineData("/health/live")]
    [InlineData("/")]
    [InlineData("/openapi/v1.json")]
    public async Task AHeadAnswersAsTheGetDoesWithoutTheContent(string path)
    {
        using var get = await _client.GetAsync(path);
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.Contains("Link"), head.Headers.Contains("Link"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AHeadOnARegionCarriesItsETag()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        using var get = await _client.GetAsync($"/api/regions/{id}");

        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/regions/{id}"));

        Assert.NotNull(get.Headers.ETag);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Fact]
    public async Task AHeadOnAMissingRegionIsNotFoundWithoutContent()
    {
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/regions/{Api.NewRegionId()}"));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AHeadOnTheEventStreamEndsWithItsHeaders()
    {
        // A HEAD's response ends with its headers: a stream that kept running would hold the connection.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/footprint/events"), cancel.Token);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/event-stream", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(cancel.Token));
    }

    [Fact]
    public async Task AWrongMethodsAllowListsHeadBesideGet()
    {
        using var response = await _client.PostAsync("/api/regions/fr-paris", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "PUT"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AHeadDoesNotReachAWriteEndpoint()
    {
        // HEAD is GET's, never another method's: an address without a GET still says 405 to it.
        var id = await Api.CreateOnlineRegionAsync(_client);

        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/regions/{id}/status"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
    }
}

/// <summary>A HEAD is authorized as its GET.</summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class SecuredHeadRequestTests(SecuredGateway gateway)
{
    [Fact]
    public async Task AnAnonymousHeadIsRefusedAndAReadersIsAnswered()
    {
        using var anonymous = gateway.ClientFor(clientAddress: "203.0.113.9");
        using var reader = gateway.ClientFor(apiKey: SecuredGateway.Keys["reader"], clientAddress: "203.0.113.9");

        using var refused = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/regions/fr-paris"));
        using var answered = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/regions/fr-paris"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEmpty(refused.Headers.WwwAuthenticate);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }
}
