using System.Net;
using System.Text;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>How bodies are taken over a real connection: their length, their transfer and their content coding.</summary>
[Collection(KestrelGatewayCollection.Name)]
public sealed class RequestBodyTransportTests(KestrelGateway gateway)
{
    private readonly HttpClient _client = gateway.CreateClient();

    [Fact]
    public async Task AChunkedBodyThatRunsPastTheLimitIsRefusedInTheApisOwnWords()
    {
        // No Content-Length, so the limit is only found while the body is read, by the server.
        var padding = new string(' ', 100 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/regions/br-sao-paulo/capacity/gpus")
        {
            Content = new StringContent(padding + """{"total":5}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        var problem = await HttpAssert.Problem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal("Request bodies are limited to 65536 bytes.", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AChunkedBodyThatRunsPastTheBulkRoutesOwnLimitIsRefusedNamingThatLimit()
    {
        // Past 64 KiB is taken on this route; past its own 8 MiB is stopped by the server while it reads.
        var padding = new string(' ', (8 * 1024 * 1024) + 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/regions:batch")
        {
            Content = new StringContent(padding + """{"regions":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        var problem = await HttpAssert.Problem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal("Request bodies are limited to 8388608 bytes.", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("identity, gzip")]
    public async Task ABodyInAContentCodingIsRefusedWith415NamingWhatIsTaken(string coding)
    {
        var before = await HttpAssert.Json(await _client.GetAsync("/api/regions/br-sao-paulo"), HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/regions/br-sao-paulo/capacity/gpus")
        {
            Content = new StringContent("""{"total":7}""", Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", coding);

        var response = await _client.SendAsync(request);

        var problem = await HttpAssert.Problem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("uncompressed", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(["identity"], response.Headers.GetValues("Accept-Encoding"));
        var after = await HttpAssert.Json(await _client.GetAsync("/api/regions/br-sao-paulo"), HttpStatusCode.OK);
        Assert.Equal((long)before["version"]!, (long)after["version"]!);
    }

    [Fact]
    public async Task ABodyMarkedIdentityIsTaken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/regions/br-sao-paulo/capacity/power_kw")
        {
            Content = new StringContent("""{"total":123456}""", Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentEncoding.Add("identity");

        var region = await HttpAssert.Json(await _client.SendAsync(request), HttpStatusCode.OK);

        Assert.Equal(123456, (long)region["capacity"]!["power_kw"]!["total"]!);
    }

    [Fact]
    public async Task AContentCodingOnARequestWithoutABodyIsIgnored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/regions/br-sao-paulo");
        request.Headers.TryAddWithoutValidation("Content-Encoding", "gzip");

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
    }
}
