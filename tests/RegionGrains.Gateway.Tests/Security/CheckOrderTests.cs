using System.Net;
using System.Text;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>
/// Who is calling, and whether it may, is decided before anything about the request's body: a caller without a
/// credential learns 401 and nothing of the body rules (no 413, 415 or 400 first), and a caller whose role does not
/// allow the request learns 403. Every write route of the endpoint data source, with every kind of bad body.
/// </summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class CheckOrderTests(SecuredGateway gateway)
{
    /// <summary>Bodies each check of the body would refuse, if it ran first.</summary>
    private static readonly (string Name, Func<HttpContent> Body)[] BadBodies =
    [
        ("over the size limit", () => Json(new string(' ', 70 * 1024) + "{}")),
        ("not JSON", () => new StringContent("total=5", Encoding.UTF8, "text/plain")),
        ("in a charset other than UTF-8", () => WithContentType(Json("{}"), "application/json; charset=latin1")),
        ("gzip-coded", () => WithCoding(Json("{}"), "gzip")),
        ("malformed JSON", () => Json("{\"total\":")),
    ];

    public static TheoryData<string> BodyKinds() => [.. BadBodies.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(BodyKinds))]
    public async Task AnAnonymousWriteWithABadBodyIsRefusedWith401OnEveryRoute(string bodyKind)
    {
        var writes = Routes.Writes(gateway.Services);
        Assert.NotEmpty(writes);
        using var anonymous = gateway.ClientFor(clientAddress: "203.0.113.9");
        foreach (var route in writes)
        {
            using var response = await anonymous.SendAsync(Request(route, bodyKind));

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route} with a body {bodyKind}, anonymously: {(int)response.StatusCode} {body}");
            await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Theory]
    [MemberData(nameof(BodyKinds))]
    public async Task AReadersWriteWithABadBodyIsRefusedWith403OnEveryRoute(string bodyKind)
    {
        using var reader = gateway.ClientFor(apiKey: SecuredGateway.Keys["reader"], clientAddress: "203.0.113.9");
        foreach (var route in Routes.Writes(gateway.Services))
        {
            using var response = await reader.SendAsync(Request(route, bodyKind));

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route} with a body {bodyKind}, as a reader: {(int)response.StatusCode} {body}");
            await HttpAssert.Problem(response, HttpStatusCode.Forbidden, "forbidden");
        }
    }

    private static HttpRequestMessage Request(Routes.Route route, string bodyKind) =>
        new(new HttpMethod(route.Method), route.Path) { Content = BadBodies.Single(b => b.Name == bodyKind).Body() };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static HttpContent WithContentType(HttpContent content, string type)
    {
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    private static HttpContent WithCoding(HttpContent content, string coding)
    {
        content.Headers.TryAddWithoutValidation("Content-Encoding", coding);
        return content;
    }
}
