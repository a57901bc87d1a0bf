using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

        // The event stream is the signal: after each footprint change, compare again, within a bounded time.
        using var cancel = new CancellationTokenSource(Settle);
        using var stream = await _client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token));
        JsonNode footprint;
        JsonNode expected;
        do
        {
            // One page of the largest size holds every region of this test gateway (the paging tests add about 1,500).
            var regions = (await HttpAssert.Json(await _client.GetAsync("/api/regions?limit=5000"), HttpStatusCode.OK)).AsArray();
            var details = await Task.WhenAll(regions.Select(async r => await HttpAssert.Json(await _client.GetAsync($"/api/regions/{r!["id"]}"), HttpStatusCode.OK)));
            expected = Sum(details);
            footprint = await HttpAssert.Json(await _client.GetAsync("/api/footprint"), HttpStatusCode.OK);
            if (Comparable(footprint) == expected.ToJsonString())
            {
                break;
            }

            try
            {
                await NextEventAsync(events, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The footprint did not settle to the sum of the regions within {Settle}: {footprint} vs {expected}");
            }
        }
        while (true);

        Assert.True((long)footprint["resources"]!["power_kw"]!["reserved"]! >= 60);
        Assert.NotNull((string?)footprint["computedAt"]);
    }

    [Fact]
    public async Task TheEventStreamStartsWithTheFootprintAndCarriesRegionChanges()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, "racks", 10);
        using var cancel = new CancellationTokenSource(Settle);
        using var response = await _client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var first = await NextEventAsync(reader, cancel.Token);
        Assert.Equal("footprint", first.Name);
        Assert.NotNull(first.Data["byStatus"]);

        (await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "sse", resource = "racks", amount = 4 }, cancel.Token)).EnsureSuccessStatusCode();
        while (true)
        {
            var next = await NextEventAsync(reader, cancel.Token);
            if (next.Name == "region" && (string?)next.Data["id"] == id && (long?)next.Data["capacity"]!["racks"]!["reserved"] == 4)
            {
                break;
            }
        }
    }

    private static async Task<(string Name, JsonNode Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                return (name ?? "message", JsonNode.Parse(data)!);
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    private static JsonObject Sum(JsonNode[] regions)
    {
        var resources = new SortedDictionary<string, (long Total, long Reserved)>(StringComparer.Ordinal);
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["DataCenter"] = 0, ["ServiceCenter"] = 0 };
        foreach (var region in regions)
        {
            var kind = (string)region["kind"]!;
            byKind[kind]++;
            if (kind != "DataCenter")
            {
                continue;
            }

            foreach (var (name, pool) in region["capacity"]!.AsObject())
            {
                var (total, reserved) = resources.GetValueOrDefault(name);
                resources[name] = (total + (long)pool!["total"]!, reserved + (long)pool["reserved"]!);
            }
        }

        var result = new JsonObject { ["regions"] = regions.Length, ["byKind"] = new JsonObject(byKind.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) };
        var byResource = new JsonObject();
        foreach (var (name, (total, reserved)) in resources)
        {
            byResource[name] = new JsonObject { ["total"] = total, ["reserved"] = reserved };
        }

        result["resources"] = byResource;
        return result;
    }

    private static string Comparable(JsonNode footprint)
    {
        var byKind = footprint["byKind"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(int)p.Value!));
        var result = new JsonObject { ["regions"] = (int)footprint["regions"]!, ["byKind"] = new JsonObject(byKind) };
        var byResource = new JsonObject();
        foreach (var (name, totals) in footprint["resources"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            byResource[name] = new JsonObject { ["total"] = (long)totals!["total"]!, ["reserved"] = (long)totals["reserved"]! };
        }

        result["resources"] = byResource;
        return result.ToJsonString();
    }
}
