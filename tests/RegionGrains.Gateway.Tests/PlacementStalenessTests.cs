using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Placement answers from the footprint partitions' copies of the regions, so under load a candidate's figures may
/// trail its region: by how much is bounded. While reservations keep changing a few regions, every answer's candidate
/// version is compared with the region's own history: the change after that version, if the region made it before
/// the answer's <c>asOf</c>, is how far the answer trailed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlacementStalenessTests(SharedGateway factory, ITestOutputHelper output)
{
    /// <summary>
    /// Far above the milliseconds measured (docs/benchmarks.md): a copy that missed a change would trail without
    /// bound, which this catches; it is not a speed test.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task UnderLoadACandidateTrailsItsRegionByABoundedTime()
    {
        var resource = $"s{Guid.NewGuid():N}"[..12];
        var regions = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            regions.Add(await Api.CreateOnlineRegionAsync(_client, resource, 1_000_000));
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            var random = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                var region = regions[random.Next(regions.Count)];
                using var response = await _client.PostAsJsonAsync(
                    $"/api/regions/{region}/reservations", new { reservationId = $"st-{writes}", resource, amount = random.Next(1, 10) });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                writes++;
            }
        });

        var observations = new List<(DateTimeOffset AsOf, string RegionId, long Version)>();
        while (!stop.IsCancellationRequested)
        {
            var answer = await HttpAssert.Json(await _client.GetAsync($"/api/placement/candidates?resources={resource}:1&limit=10"), HttpStatusCode.OK);
            var asOf = DateTimeOffset.Parse((string)answer["asOf"]!, CultureInfo.InvariantCulture);
            observations.AddRange(answer["candidates"]!.AsArray().Select(c => (asOf, (string)c!["regionId"]!, (long)c["version"]!)));
        }

        await writer;
        var changedAt = new Dictionary<(string, long), DateTimeOffset>();
        foreach (var region in regions)
        {
            foreach (var e in await HistoryAsync(region))
            {
                changedAt[(region, (long)e["version"]!)] = DateTimeOffset.Parse((string)e["time"]!, CultureInfo.InvariantCulture);
            }
        }

        // How long each answer trailed: from the region's next change, when it came before the answer, to the answer.
        var lags = observations
            .Select(o => changedAt.TryGetValue((o.RegionId, o.Version + 1), out var next) && next < o.AsOf ? o.AsOf - next : TimeSpan.Zero)
            .Order()
            .ToList();
        output.WriteLine(
            $"{writes} reservations, {observations.Count} candidates read; trailing p50 {Ms(lags[lags.Count / 2])}, p99 {Ms(lags[(int)(lags.Count * 0.99)])}, max {Ms(lags[^1])}");
        Assert.True(writes > 50 && observations.Count > 100, $"Too little load to say anything: {writes} writes, {observations.Count} candidates read.");
        Assert.True(observations.Select(o => (o.RegionId, o.Version)).Distinct().Count() > regions.Count, "The candidates' versions never moved during the load.");
        Assert.True(lags[^1] < Bound, $"A candidate trailed its region by {Ms(lags[^1])}, beyond {Ms(Bound)}.");
    }

    private async Task<List<JsonNode>> HistoryAsync(string region)
    {
        var events = new List<JsonNode>();
        string? next = $"/api/regions/{region}/history?limit=1000";
        while (next is not null)
        {
            using var response = await _client.GetAsync(next);
            events.AddRange((await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray().Select(e => e!));
            next = HttpAssert.NextLink(response);
        }

        return events;
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0 'ms'", CultureInfo.InvariantCulture);
}
