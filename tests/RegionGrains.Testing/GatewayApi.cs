using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RegionGrains.Testing;

/// <summary>The calls the failover tests make to the gateway's HTTP API, and what they read back.</summary>
public static class GatewayApi
{
    public const string ProblemJson = "application/problem+json";
    public const string ClusterUnavailable = "urn:regiongrains:problem:cluster-unavailable";

    /// <summary>
    /// How long a call retries 503 answers in all before it gives up and returns the 503: longer than Orleans'
    /// silo-to-silo response timeout (30 s), which bounds how long a region's first activation after a restart can
    /// wait on a grain-directory lookup that went unanswered while the membership settled (docs/operations.md).
    /// </summary>
    public static readonly TimeSpan UnavailableBound = TimeSpan.FromSeconds(45);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Defines a region and brings it to Launching (which accepts reservations) with one large pool. A step answered
    /// 503 (a cluster still settling after a fault; the change may or may not have been made) is not sent again
    /// blindly: the region is read back and the steps go on from where it is, for up to <see cref="UnavailableBound"/>.
    /// </summary>
    public static async Task CreateAcceptingRegionAsync(this HttpClient http, string id, string resource, long total)
    {
        var settling = Stopwatch.StartNew();
        var next = SetupStep.Define;
        while (next != SetupStep.Done)
        {
            var (what, send) = next switch
            {
                SetupStep.Define => ($"PUT /api/regions/{id}", http.PutAsJsonAsync(
                    $"/api/regions/{id}", new { displayName = $"Test {id}", countryCode = "NL", geography = "Europe", latitude = 52.0, longitude = 4.9 })),
                SetupStep.UnderConstruction or SetupStep.Launching => ($"{id} to {next}", http.PostAsJsonAsync(
                    $"/api/regions/{id}/status", new { status = next.ToString(), reason = "failover test" })),
                _ => ($"capacity of {id}", http.PutAsJsonAsync($"/api/regions/{id}/capacity/{resource}", new { total })),
            };
            using var response = await send;
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && settling.Elapsed < UnavailableBound)
            {
                await Task.Delay(RetryAfter(response) ?? TimeSpan.FromSeconds(1));
                next = await NextSetupStepAsync(http, id, resource, total);
                continue;
            }

            await SucceedAsync(response, what);
            next++;
        }
    }

    private enum SetupStep { Define, UnderConstruction, Launching, Capacity, Done }

    /// <summary>What <see cref="CreateAcceptingRegionAsync"/> still has to do to the region as it reads now.</summary>
    private static async Task<SetupStep> NextSetupStepAsync(HttpClient http, string id, string resource, long total)
    {
        using var read = await http.GetRetryingUnavailableAsync($"/api/regions/{id}");
        if (read.StatusCode == HttpStatusCode.NotFound)
        {
            return SetupStep.Define;
        }

        await SucceedAsync(read, $"GET /api/regions/{id}");
        var region = (await read.Content.ReadFromJsonAsync<Region>(Json))!;
        return region.Status switch
        {
            "Planned" => SetupStep.UnderConstruction,
            "UnderConstruction" => SetupStep.Launching,
            "Launching" when region.Capacity.TryGetValue(resource, out var pool) && pool.Total == total => SetupStep.Done,
            "Launching" => SetupStep.Capacity,
            _ => throw new InvalidOperationException($"{id} is {region.Status}, which no step of the set-up leads to."),
        };
    }

    public static async Task<Region> GetRegionAsync(this HttpClient http, string id)
    {
        using var response = await http.GetRetryingUnavailableAsync($"/api/regions/{id}");
        await SucceedAsync(response, $"GET /api/regions/{id}");
        return (await response.Content.ReadFromJsonAsync<Region>(Json))!;
    }

    public static async Task<string> GetRegionJsonAsync(this HttpClient http, string id)
    {
        using var response = await http.GetRetryingUnavailableAsync($"/api/regions/{id}");
        await SucceedAsync(response, $"GET /api/regions/{id}");
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<Region[]> ListRegionsAsync(this HttpClient http)
    {
        using var response = await http.GetRetryingUnavailableAsync("/api/regions");
        await SucceedAsync(response, "GET /api/regions");
        return (await response.Content.ReadFromJsonAsync<Region[]>(Json))!;
    }

    public static async Task<Footprint> GetFootprintAsync(this HttpClient http)
    {
        using var response = await http.GetRetryingUnavailableAsync("/api/footprint");
        await SucceedAsync(response, "GET /api/footprint");
        return (await response.Content.ReadFromJsonAsync<Footprint>(Json))!;
    }

    /// <summary>
    /// A read after an outage does what the 503 problem asks: retry. A cluster that just lost a silo may answer
    /// 503 for a moment while the footprint partitions re-read their regions. Retries for at most
    /// <paramref name="bound"/> (<see cref="UnavailableBound"/> unless given) and returns the last answer.
    /// </summary>
    public static Task<HttpResponseMessage> GetRetryingUnavailableAsync(this HttpClient http, string path, TimeSpan? bound = null) =>
        RetryingUnavailableAsync(() => http.GetAsync(new Uri(path, UriKind.Relative)), bound ?? UnavailableBound);

    /// <summary>
    /// Sends until the answer is not a 503, waiting between tries as long as the gateway's <c>Retry-After</c> asks,
    /// for at most <paramref name="bound"/> in all; returns the last answer (a 503 without <c>Retry-After</c> is
    /// returned as it is: the gateway did not say that retrying helps). The pacing is the resilience library's
    /// HTTP retry honouring the header, as a client of the service would use it.
    /// </summary>
    private static Task<HttpResponseMessage> RetryingUnavailableAsync(Func<Task<HttpResponseMessage>> send, TimeSpan bound)
    {
        var retrying = Stopwatch.StartNew();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldRetryAfterHeader = true,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result is { StatusCode: HttpStatusCode.ServiceUnavailable } response
                    && RetryAfter(response) is { } wait
                    && retrying.Elapsed + wait <= bound),
            })
            .Build();
        return pipeline.ExecuteAsync(async _ => await send()).AsTask();
    }

    /// <summary>Sends a fresh request from <paramref name="request"/> until the answer is not a 503, as its <c>Retry-After</c> asks (bounded as above).</summary>
    public static Task<HttpResponseMessage> SendRetryingUnavailableAsync(this HttpClient http, Func<HttpRequestMessage> request, CancellationToken cancellationToken) =>
        RetryingUnavailableAsync(() => http.SendAsync(request(), HttpCompletionOption.ResponseHeadersRead, cancellationToken), UnavailableBound);

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// Posts a reservation of one unit and reports what came back, never throwing for an HTTP failure; with
    /// <paramref name="retryUnavailable"/>, a 503 is retried as its <c>Retry-After</c> asks (a replay: the id makes it idempotent).
    /// </summary>
    public static async Task<(int Status, string? ContentType, string? ProblemType)> ReserveAsync(this HttpClient http, string regionId, string reservationId, string resource, bool retryUnavailable = false)
    {
        try
        {
            Task<HttpResponseMessage> Post() => http.PostAsJsonAsync($"/api/regions/{regionId}/reservations", new { reservationId, resource, amount = 1 });
            using var response = retryUnavailable ? await RetryingUnavailableAsync(Post, UnavailableBound) : await Post();
            var contentType = response.Content.Headers.ContentType?.MediaType;
            string? problemType = null;
            if (contentType == ProblemJson)
            {
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                problemType = problem.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
            }

            return ((int)response.StatusCode, contentType, problemType);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (-1, null, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Opens the footprint's event stream (<c>GET /api/footprint/events</c>; a 503 retried as its Retry-After asks).</summary>
    public static async Task<StreamReader> OpenFootprintEventsAsync(this HttpClient http, CancellationToken cancellationToken)
    {
        var response = await RetryingUnavailableAsync(
            () => http.GetAsync(new Uri("/api/footprint/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken),
            UnavailableBound);
        await SucceedAsync(response, "GET /api/footprint/events");
        return new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    /// <summary>Reads the stream up to the end of its next <c>footprint</c> event (other events are skipped); false when the stream ended.</summary>
    public static async Task<bool> NextFootprintEventAsync(this StreamReader events, CancellationToken cancellationToken)
    {
        string? name = null;
        while (await events.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.Length == 0)
            {
                if (name == "footprint")
                {
                    return true;
                }

                name = null;
            }
        }

        return false;
    }

    /// <summary>The footprint must equal the sum over the regions, exactly.</summary>
    public static string? DifferenceFromSum(Footprint footprint, IReadOnlyCollection<Region> regions)
    {
        var differences = new List<string>();
        if (footprint.Regions != regions.Count)
        {
            differences.Add($"regions {footprint.Regions} != {regions.Count}");
        }

        foreach (var group in regions.GroupBy(r => r.Status))
        {
            if (footprint.ByStatus.GetValueOrDefault(group.Key) != group.Count())
            {
                differences.Add($"{group.Key} {footprint.ByStatus.GetValueOrDefault(group.Key)} != {group.Count()}");
            }
        }

        var pools = regions.SelectMany(r => r.Capacity).GroupBy(p => p.Key, StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            var total = pool.Sum(p => p.Value.Total);
            var reserved = pool.Sum(p => p.Value.Reserved);
            var summed = footprint.Resources.GetValueOrDefault(pool.Key);
            if (summed is null || summed.Total != total || summed.Reserved != reserved)
            {
                differences.Add($"{pool.Key} {summed?.Total}/{summed?.Reserved} != {total}/{reserved}");
            }
        }

        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static async Task SucceedAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent))
        {
            Assert.Fail($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public sealed record Pool(long Total, long Reserved, long Available);

    public sealed record Region(string Id, string Status, Dictionary<string, Pool> Capacity, int Reservations, long Version);

    public sealed record ResourceSum(long Total, long Reserved);

    public sealed record Footprint(int Regions, Dictionary<string, int> ByStatus, Dictionary<string, ResourceSum> Resources);
}
