using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RegionListPagingTests(SharedGateway gateway)
{
    private readonly HttpClient _client = gateway.CreateClient();

    private IClusterClient Cluster => gateway.Services.GetRequiredService<IClusterClient>();

    [Fact]
    public async Task WalkingTheLinkHeadersWhileRegionsAreAddedReturnsEveryRegionListedBeforeOnceInIdOrder()
    {
        // Sorted after every other test's regions and the catalog, so that their first page stays what they expect.
        var prefix = $"zz-{Guid.NewGuid():N}"[..11];
        await CreateAsync(prefix, 0, 1_200);
        var before = await WalkAsync("/api/regions?limit=500");
        AssertStrictlyIncreasing(before);

        var adding = CreateAsync(prefix, 1_200, 300);
        var walked = await WalkAsync("/api/regions?limit=50");
        await adding;

        AssertStrictlyIncreasing(walked);
        var skipped = before.Except(walked).ToArray();
        Assert.True(skipped.Length == 0, $"{skipped.Length} regions listed before the walk were skipped, e.g. {string.Join(", ", skipped.Take(5))}");
    }

    [Fact]
    public async Task ARegionIsListedAsSoonAsItsCreationIsAcknowledged()
    {
        // The list is served by the footprint partitions, which hear of changes asynchronously; a creation waits for
        // its partition, so the 201 is never followed by a list that lacks the region.
        var prefix = $"zz-{Guid.NewGuid():N}"[..11];
        var previous = prefix;
        for (var i = 0; i < 40; i++)
        {
            var id = $"{prefix}-{i:D5}";
            var created = await _client.PutAsJsonAsync(
                $"/api/regions/{id}", new { displayName = "Listed at once", countryCode = "FR", geography = "Europe", latitude = 48.85, longitude = 2.35 });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            var page = (await HttpAssert.Json(await _client.GetAsync($"/api/regions?after={previous}&limit=1"), HttpStatusCode.OK)).AsArray();
            Assert.Equal(id, (string?)Assert.Single(page)!["id"]);
            previous = id;
        }
    }

    [Fact]
    public async Task TheNextLinkKeepsTheFiltersAndStartsAfterTheLastIdOfThePage()
    {
        var response = await _client.GetAsync("/api/regions?status=Planned&geography=AsiaPacific&limit=2");

        var page = (await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray();
        Assert.Equal(2, page.Count);
        Assert.All(page, r => Assert.Equal("Planned", (string?)r!["status"]));
        var next = HttpAssert.NextLink(response);
        Assert.Equal($"/api/regions?status=Planned&geography=AsiaPacific&limit=2&after={(string?)page[1]!["id"]}", next);

        var rest = await WalkAsync(next!);
        Assert.All(rest, id => Assert.True(string.CompareOrdinal(id, (string?)page[1]!["id"]) > 0));
        var all = (await HttpAssert.Json(await _client.GetAsync("/api/regions?status=Planned&geography=AsiaPacific"), HttpStatusCode.OK)).AsArray();
        Assert.Equal(all.Select(r => (string?)r!["id"]), [.. page.Select(r => (string?)r!["id"]), .. rest]);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=5001")]
    [InlineData("limit=ten")]
    [InlineData("after=NOT_AN_ID")]
    public async Task AnInvalidPageParameterIsAValidationProblem(string query)
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync($"/api/regions?{query}"), HttpStatusCode.BadRequest, "validation");

        Assert.Equal([query.Split('=')[0]], HttpAssert.ErrorFields(problem));
    }

    private async Task CreateAsync(string prefix, int from, int count)
    {
        var definition = new RegionDefinition("Paging test", "FR", Geography.Europe, 48.85, 2.35);
        foreach (var batch in Enumerable.Range(from, count).Chunk(64))
        {
            var results = await Task.WhenAll(batch.Select(i => Cluster.GetGrain<IRegionGrain>($"{prefix}-{i:D5}").DefineAsync(definition)));
            Assert.All(results, r => Assert.Equal(RegionOutcome.Created, r.Outcome));
        }
    }

    private async Task<List<string>> WalkAsync(string first)
    {
        var ids = new List<string>();
        for (var next = first; next is not null;)
        {
            var response = await _client.GetAsync(next);
            ids.AddRange((await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray().Select(r => (string)r!["id"]!));
            next = HttpAssert.NextLink(response);
            Assert.True(ids.Count < 1_000_000, "The walk should end.");
        }

        return ids;
    }

    private static void AssertStrictlyIncreasing(List<string> ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"Ids out of order or repeated at position {i}: {ids[i - 1]} then {ids[i]}");
        }
    }
}
