using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Ten thousand generated requests over every route, as careless and hostile callers send them. Whatever the input:
/// no 5xx, every error is problem+json with type, title and status, a refused request changes nothing, and the
/// invariants hold afterwards (reserved within total, the footprint the exact sum of the regions).
/// The seed is printed on failure; set HOSTILE_SEED to replay it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileInputTests(SharedGateway gateway)
{
    private const int Requests = 10_000;
    private const int Workers = 8;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task NoGeneratedRequestGetsA5xxOrChangesStateWhenRefused()
    {
        var seed = HostileValues.SeedFromEnvironment();
        var client = gateway.CreateClient();
        var cluster = gateway.Services.GetRequiredService<IClusterClient>();
        var run = Guid.NewGuid().ToString("N")[..8];
        var owned = new string[Workers];
        for (var w = 0; w < Workers; w++)
        {
            owned[w] = $"hx{run}-{w}";
            await CreateOwnedRegionAsync(client, owned[w]);
        }

        var versions = new string?[Workers];
        for (var w = 0; w < Workers; w++)
        {
            versions[w] = await VersionAsync(client, owned[w]);
        }

        var sent = 0;
        var statuses = new int[600];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var generator = new HostileRequestGenerator(new HostileValues(new Random(seed + w)), owned[w]);
            var created = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Requests / Workers; i++)
            {
                var request = generator.Next();
                Interlocked.Increment(ref sent);
                using var response = await SendAsync(client, request);
                if (response is null)
                {
                    continue;
                }

                Interlocked.Increment(ref statuses[(int)response.StatusCode]);
                var status = (int)response.StatusCode;
                var context = $"seed {seed}, worker {w}, request {i}: {request}";
                await CheckResponseAsync(response, context);
                // A bulk definition answers 200 with a result per region: a region whose result failed was not touched.
                var failedInBatch = status == 200 && request.Path.StartsWith("/api/regions:batch", StringComparison.Ordinal)
                    ? await FailedBatchIdsAsync(response)
                    : [];
                if (request.ChangesOwnRegion && failedInBatch.Contains(owned[w]))
                {
                    var version = await VersionAsync(client, owned[w]);
                    Assert.True(version == versions[w], $"A failed region of a bulk definition changed {owned[w]} from version {versions[w]} to {version}; {context}");
                }
                else if (request.ChangesOwnRegion)
                {
                    // Only this worker changes its region, and no reservation expires during the run: a refused
                    // request must leave the version where the last accepted one left it.
                    var version = await VersionAsync(client, owned[w]);
                    Assert.True(status < 400 || version == versions[w], $"A refused request ({status}) changed {owned[w]} from version {versions[w]} to {version}; {context}");
                    versions[w] = version;
                }

                // Ids made from the worker's own are the worker's alone; one it has not created must stay nonexistent.
                if (request.OtherRegionId is { } other && other.StartsWith(owned[w], StringComparison.Ordinal))
                {
                    if (status < 400 && !failedInBatch.Contains(other))
                    {
                        created.Add(other);
                        continue;
                    }

                    if (created.Contains(other))
                    {
                        continue;
                    }

                    Assert.True(await cluster.GetGrain<IRegionGrain>(other).GetAsync() is null, $"A refused request ({status}) created region '{other}'; {context}");
                }
            }
        })));

        Assert.True(sent >= Requests, $"Only {sent} requests were sent.");
        foreach (var id in owned)
        {
            AssertPoolsConsistent(await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK));
        }

        await FootprintOracle.WaitUntilFootprintIsTheSumAsync(client, Settle);

        // The run must have exercised both sides: accepted changes and refusals of each kind.
        var summary = string.Join(", ", statuses.Select((count, code) => (code, count)).Where(p => p.count > 0).Select(p => $"{p.code}: {p.count}"));
        Assert.True(statuses[200] + statuses[201] + statuses[204] > 100, $"Too few requests succeeded: {summary}");
        Assert.True(statuses[400] > 1_000 && statuses[409] > 0 && statuses[415] > 0 && statuses[412] > 0, $"Too few refusals of some kind: {summary}");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"Took {clock.Elapsed}");
    }

    /// <summary>The ids of a bulk definition's response whose outcome is Failed.</summary>
    private static async Task<HashSet<string>> FailedBatchIdsAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("outcome").GetString() == "Failed" && r.GetProperty("id").ValueKind == JsonValueKind.String)
            .Select(r => r.GetProperty("id").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Sends the request; null when it never reaches the application because the web server itself refuses it as
    /// malformed HTTP (a NUL in the path: Kestrel answers 400 before routing, the test server's client throws).
    /// </summary>
    private static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HostileRequest request)
    {
        try
        {
            return await client.SendAsync(request.ToMessage(), HttpCompletionOption.ResponseHeadersRead);
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains("null characters", StringComparison.Ordinal))
        {
            return null;
        }
    }

    private static async Task CreateOwnedRegionAsync(HttpClient client, string id)
    {
        (await client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition())).EnsureSuccessStatusCode();
        foreach (var status in new[] { "UnderConstruction", "Launching", "Online" })
        {
            (await client.PostAsJsonAsync($"/api/regions/{id}/status", new { status, reason = "setup" })).EnsureSuccessStatusCode();
        }

        foreach (var (resource, total) in new[] { ("gpus", 1000), ("racks", 50), ("power_kw", 20000) })
        {
            (await client.PutAsJsonAsync($"/api/regions/{id}/capacity/{resource}", new { total })).EnsureSuccessStatusCode();
        }
    }

    private static async Task<string?> VersionAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/regions/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag?.Tag;
    }

    private static async Task CheckResponseAsync(HttpResponseMessage response, string context)
    {
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            Assert.True(status < 300 || status == 304, $"Unexpected {status}; {context}");
            return;
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{status} {body}; {context}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} answered as {response.Content.Headers.ContentType}: {body}; {context}");
        if (response.RequestMessage?.Method == HttpMethod.Head)
        {
            // The GET's status and headers, without the problem itself.
            Assert.True(body.Length == 0, $"A HEAD answered with content: {body}; {context}");
            return;
        }

        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            problem = null;
        }

        Assert.True(
            problem is JsonObject && !string.IsNullOrEmpty((string?)problem["type"]) && !string.IsNullOrEmpty((string?)problem["title"]) && (int?)problem["status"] == status,
            $"Not a complete problem: {body}; {context}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Implicit body", body, StringComparison.Ordinal);
    }

    private static void AssertPoolsConsistent(JsonNode region)
    {
        foreach (var (resource, pool) in region["capacity"]!.AsObject())
        {
            var total = (long)pool!["total"]!;
            var reserved = (long)pool["reserved"]!;

            // usable = floor((total - heldBack) x overcommit), worked out here rather than read from the pool's own figure.
            var usable = (long)decimal.Floor((total - (long)pool["heldBack"]!) * (decimal)pool["overcommit"]!);
            Assert.True(reserved >= 0 && reserved <= usable && total <= RegionValidation.MaxPoolTotal, $"{region["id"]} {resource}: total {total}, usable {usable}, reserved {reserved}");
            Assert.Equal(usable, (long)pool["usable"]!);
            Assert.Equal(usable - reserved, (long)pool["available"]!);
        }
    }
}
