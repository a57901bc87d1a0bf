using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RegionGrains.Cluster.Tests;

/// <summary>
/// Scheduled changes on a cluster of real processes. Each test's region has a pool of its own resource name, so the
/// footprint's total for that resource is the region's alone: the tests watch the footprint, never the region itself,
/// because reading a region fires whatever is due on the read, and these tests are about what fires by itself.
/// </summary>
public static class ScheduleScenarios
{
    private const long Before = 10;
    private const long After = 20;

    /// <summary>A change scheduled three seconds ahead fires by itself within a second of its time.</summary>
    public static async Task FiresOnTimeAsync(IFailoverCluster cluster, ITestOutputHelper output, string key)
    {
        var http = cluster.Http;
        var resource = Resource(key);
        await http.CreateAcceptingRegionAsync(key, resource, Before);
        var at = await ScheduleAsync(cluster, key, resource, DateTimeOffset.UtcNow.AddSeconds(3));

        await WaitForTotalAsync(http, resource, TimeSpan.FromSeconds(20), "the scheduled total to reach the footprint");

        var fired = await FiredAtAsync(http, key);
        output.WriteLine($"scheduled for {at:O}, fired at {fired:O} ({(fired - at).TotalMilliseconds:0} ms late)");
        Assert.InRange(fired, at, at.AddSeconds(1));
    }

    /// <summary>
    /// Every process is killed before the change's time and the cluster is started again after it: the change fires once
    /// the cluster is back, woken by its reminder (no request touches the region).
    /// </summary>
    public static async Task FiresAfterAColdRestartSpanningItsTimeAsync(IFailoverCluster cluster, ITestOutputHelper output, string key)
    {
        var http = cluster.Http;
        var resource = Resource(key);
        await http.CreateAcceptingRegionAsync(key, resource, Before);
        // Ten seconds ahead: the booking may wait out a cluster still warming up (503, retried), and every process must
        // still be killed before the change's time.
        var at = await ScheduleAsync(cluster, key, resource, DateTimeOffset.UtcNow.AddSeconds(10));

        cluster.KillAll();
        var killedInTime = DateTimeOffset.UtcNow < at;
        await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > at, TimeSpan.FromSeconds(15), "the change's time to pass with every process down", interval: TimeSpan.FromMilliseconds(100));
        var restart = System.Diagnostics.Stopwatch.StartNew();
        await cluster.RestartAsync();
        output.WriteLine($"cluster serving again {FailoverScenarios.Seconds(restart.Elapsed)} after the restart");
        Assert.True(killedInTime, "The cluster was killed only after the change's time; the test proves nothing then.");

        await WaitForTotalAsync(http, resource, TimeSpan.FromSeconds(60), "the scheduled total to reach the footprint after the restart");
        output.WriteLine($"fired {FailoverScenarios.Seconds(restart.Elapsed)} after the restart began, at {await FiredAtAsync(http, key):O}");
        var change = await http.GetFromJsonAsync<JsonObject>($"/api/regions/{key}/schedule/grow");
        Assert.Equal("Fired", (string?)change!["state"]);
    }

    private static string Resource(string key) => key.Replace('-', '_');

    /// <summary>
    /// Books the change as a client would: a 503 (a cluster still warming up, e.g. its reminder service loading its
    /// range) is retried as its <c>Retry-After</c> asks, which the change id makes safe; a retry of a booking that
    /// was journaled answers 200 with the change as it stands.
    /// </summary>
    private static async Task<DateTimeOffset> ScheduleAsync(IFailoverCluster cluster, string region, string resource, DateTimeOffset at)
    {
        var text = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var body = new { changeId = "grow", at = text, capacity = new Dictionary<string, long> { [resource] = After } };
        using var response = await cluster.Http.SendRetryingUnavailableAsync(
            () => new HttpRequestMessage(HttpMethod.Post, $"/api/regions/{region}/schedule") { Content = JsonContent.Create(body) },
            CancellationToken.None);
        Assert.True(
            response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
            $"Scheduling answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{cluster.Diagnostics()}");
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    private static Task<GatewayApi.Footprint> WaitForTotalAsync(HttpClient http, string resource, TimeSpan timeout, string awaited) =>
        Eventually.Until(
            () => http.GetFootprintAsync(),
            f => f.Resources.TryGetValue(resource, out var sum) && sum.Total == After,
            timeout,
            awaited,
            interval: TimeSpan.FromMilliseconds(100));

    /// <summary>When the region journaled the scheduled total: the time of its CapacitySet event, stamped by the region.</summary>
    private static async Task<DateTimeOffset> FiredAtAsync(HttpClient http, string region)
    {
        var history = await http.GetFromJsonAsync<JsonArray>($"/api/regions/{region}/history?limit=5");
        var set = history!.Select(e => e!).First(e => (string?)e["kind"] == "CapacitySet" && ((string?)e["detail"])!.Contains("scheduled by", StringComparison.Ordinal));
        Assert.Equal("system", (string?)set["actor"]);
        return (DateTimeOffset)set["time"]!;
    }
}
