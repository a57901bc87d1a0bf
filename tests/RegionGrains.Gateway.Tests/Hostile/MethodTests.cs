using System.Net;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Every endpoint the gateway maps, read from its endpoint data source (the API, health, metrics, OpenAPI, the API
/// reference, the dashboard), answers a method it does not take with 405 problem+json and an <c>Allow</c> header
/// listing the methods it does.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MethodTests(SharedGateway gateway)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "MKCOL"];

    [Fact]
    public void EveryEndpointNamesTheMethodsItTakes()
    {
        var unrestricted = Routes.All(gateway.Services).Where(r => r.Method == "*").Select(r => r.Pattern).ToList();

        Assert.True(unrestricted.Count == 0, $"Endpoints that answer every method: {string.Join(", ", unrestricted)}");
    }

    [Fact]
    public async Task EveryEndpointAnswersAMethodItDoesNotTakeWith405ListingThoseItDoes()
    {
        using var client = gateway.CreateClient();
        foreach (var address in Routes.All(gateway.Services).GroupBy(r => r.Pattern))
        {
            var taken = address.Select(r => r.Method).ToHashSet(StringComparer.Ordinal);
            foreach (var method in Methods.Where(m => !taken.Contains(m)))
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), address.First().Path));

                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {address.Key}: {(int)response.StatusCode} {body}");
                var problem = await HttpAssert.Problem(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
                Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
                var allowed = response.Content.Headers.Allow.ToHashSet(StringComparer.Ordinal);
                Assert.True(taken.IsSubsetOf(allowed), $"{method} {address.Key}: Allow {string.Join(", ", allowed)} misses some of {string.Join(", ", taken)}");
            }
        }
    }
}
