using System.Net.Http.Json;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class FootprintEndpointTests(SharedGateway factory)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheFootprintEqualsTheSumOfTheRegionsOnceUpdatesStop()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, "power_kw", 500);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = $"f-{i}", resource = "power_kw", amount = 3 })));

        var footprint = await FootprintOracle.WaitUntilFootprintIsTheSumAsync(_client, Settle);

        Assert.True((long)footprint["resources"]!["power_kw"]!["reserved"]! >= 60);
        Assert.NotNull((string?)footprint["computedAt"]);
        Assert.True((bool)footprint["complete"]!);
        Assert.Equal(0, (int)footprint["unconfirmedRegions"]!);
    }

    [Fact]
    public async Task TheEventStreamStartsWithTheFootprintAndCarriesRegionChanges()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, "racks", 10);
        using var cancel = new CancellationTokenSource(Settle);
        using var response = await _client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var first = await FootprintOracle.NextEventAsync(reader, cancel.Token);
        Assert.Equal("footprint", first.Name);
        Assert.NotNull(first.Data["byStatus"]);

        (await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "sse", resource = "racks", amount = 4 }, cancel.Token)).EnsureSuccessStatusCode();
        while (true)
        {
            var next = await FootprintOracle.NextEventAsync(reader, cancel.Token);
            // Changes made while the region was set up may still arrive first, some from before its racks pool existed.
            if (next.Name == "region" && (string?)next.Data["id"] == id && (long?)next.Data["capacity"]?["racks"]?["reserved"] == 4)
            {
                break;
            }
        }
    }
}
