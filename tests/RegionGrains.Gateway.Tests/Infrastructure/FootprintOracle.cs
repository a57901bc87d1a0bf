using System.Net;
using System.Text.Json.Nodes;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>
/// The footprint's oracle, independent of the aggregation it checks: the sum over every region read one by one
/// through the API, compared with the published footprint after each event of the footprint stream.
/// </summary>
public static class FootprintOracle
{
    /// <summary>Waits, on the event stream, until the footprint equals the sum over the regions; returns it.</summary>
    public static async Task<JsonNode> WaitUntilFootprintIsTheSumAsync(HttpClient client, TimeSpan bound)
    {
        using var cancel = new CancellationTokenSource(bound);
        using var stream = await client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token));
        while (true)
        {
            // One page of the largest size holds every region of a test gateway (the paging tests add about 1,500).
            var regions = (await HttpAssert.Json(await client.GetAsync("/api/regions?limit=5000"), HttpStatusCode.OK)).AsArray();
            var details = await Task.WhenAll(regions.Select(async r => await HttpAssert.Json(await client.GetAsync($"/api/regions/{r!["id"]}"), HttpStatusCode.OK)));
            var expected = Sum(details);
            var footprint = await HttpAssert.Json(await client.GetAsync("/api/footprint"), HttpStatusCode.OK);
            if (Comparable(footprint) == expected.ToJsonString())
            {
                return footprint;
            }

            try
            {
                await NextEventAsync(events, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The footprint did not settle to the sum of the regions within {bound}: {footprint} vs {expected}");
            }
        }
    }

    public static async Task<(string Name, JsonNode Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
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
