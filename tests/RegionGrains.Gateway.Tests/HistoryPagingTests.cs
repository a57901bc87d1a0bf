using System.Net;
using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HistoryPagingTests(SharedGateway gateway)
{
    [Fact]
    public async Task WalkingTheLinkHeadersReturnsAtLeastTheLast1000EventsOnceEachNewestFirst()
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client, total: 1);
        const int Changes = 1_100;
        for (var total = 2; total < Changes + 2; total++)
        {
            (await client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total })).EnsureSuccessStatusCode();
        }

        var head = (long)(await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!;
        var versions = new List<long>();
        string? next = $"/api/regions/{id}/history?limit=250";
        var pages = 0;
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            var page = (await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray();
            Assert.InRange(page.Count, 1, 250);
            versions.AddRange(page.Select(e => (long)e!["version"]!));
            next = HttpAssert.NextLink(response);
            pages++;
            Assert.True(pages <= 10, "The Link headers should end within ten pages.");
        }

        Assert.True(versions.Count >= 1_000, $"Only {versions.Count} events came back.");
        Assert.Equal(Enumerable.Range(0, versions.Count).Select(i => head - i), versions);
        var newest = (await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}/history?limit=1"), HttpStatusCode.OK)).AsArray().Single()!;
        Assert.Equal($"gpus total {Changes} -> {Changes + 1}", (string?)newest["detail"]);
    }

    [Fact]
    public async Task TheLastPageHasNoLinkAndBeforeSkipsNewerEvents()
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client);

        var response = await client.GetAsync($"/api/regions/{id}/history?limit=2&before=4");
        var page = (await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray();
        Assert.Equal([3L, 2], page.Select(e => (long)e!["version"]!));
        Assert.Equal($"/api/regions/{id}/history?limit=2&before=2", HttpAssert.NextLink(response));

        var last = await client.GetAsync($"/api/regions/{id}/history?limit=2&before=2");
        Assert.Equal([1L], (await HttpAssert.Json(last, HttpStatusCode.OK)).AsArray().Select(e => (long)e!["version"]!));
        Assert.Null(HttpAssert.NextLink(last));
    }

    [Theory]
    [InlineData("before=0")]
    [InlineData("before=-1")]
    [InlineData("before=x")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    public async Task AnInvalidPageParameterIsAValidationProblem(string query)
    {
        var client = gateway.CreateClient();
        var response = await client.GetAsync($"/api/regions/br-sao-paulo/history?{query}");
        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal([query.Split('=')[0]], HttpAssert.ErrorFields(problem));
    }
}
