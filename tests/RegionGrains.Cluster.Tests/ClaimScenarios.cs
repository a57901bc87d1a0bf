using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RegionGrains.Cluster.Tests;

/// <summary>
/// Claims across regions through a <c>kill -9</c>: consumers keep replacing their claims over 3 regions with tight
/// pools while one process is killed — the silo running most of the consumers' grains, the silo of a region, or the
/// gateway. Once the load stops, the cluster must converge by itself (no region left with an undecided change), and
/// then every consumer holds exactly one of the claims it may hold: its last acknowledged one, or one sent after it
/// whose answer never came; what the regions hold for it is exactly what the consumer says (all or nothing); and every
/// pool's reserved is the sum of its reservations, never above what is usable.
/// </summary>
public static class ClaimScenarios
{
    /// <summary>Which process a trial kills.</summary>
    public enum Victim
    {
        /// <summary>The silo that hosts most of the trial's consumer grains (the coordinators).</summary>
        ClaimSilo,

        /// <summary>The silo that hosts the trial's first region.</summary>
        RegionSilo,

        /// <summary>The gateway the claims go through.</summary>
        Gateway,
    }

    private const int Consumers = 8;
    private const long PoolSize = 120;
    private static readonly string[] Resources = ["gpus", "racks"];
    private static readonly TimeSpan ConvergenceBound = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <c>CLAIM_CRASH_TRIALS</c> trials (1 unless set) and prints each one's convergence time and their median and
    /// worst: the figure docs/consistency.md quotes.
    /// </summary>
    public static async Task KillDuringClaimsAsync(LocalCluster cluster, ITestOutputHelper output, string key, Victim victim)
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("CLAIM_CRASH_TRIALS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var converged = new List<TimeSpan>();
        for (var trial = 0; trial < trials; trial++)
        {
            converged.Add(await TrialAsync(cluster, output, $"{key}-{trial}", victim));
        }

        converged.Sort();
        output.WriteLine(
            $"{victim}: converged after the kill in median {Seconds(converged[converged.Count / 2])}, worst {Seconds(converged[^1])} over {trials} trial(s): " +
            string.Join(", ", converged.Select(Seconds)));
    }

    private static async Task<TimeSpan> TrialAsync(LocalCluster cluster, ITestOutputHelper output, string key, Victim victim)
    {
        while (cluster.LiveSilos.Count < 3)
        {
            await cluster.StartSiloAsync();
        }

        var http = cluster.Http;
        var regions = new string[3];
        for (var i = 0; i < regions.Length; i++)
        {
            regions[i] = await CreateRegionAsync(cluster, $"{key}-r{i}");
        }

        var consumers = Enumerable.Range(0, Consumers).Select(i => $"{key}-c{i}").ToArray();
        var load = new ClaimLoad(http, regions, consumers, key.GetHashCode(StringComparison.Ordinal));
        await load.WhenAsync(l => l.Acknowledged >= 30 && l.Refused >= 3, TimeSpan.FromSeconds(60), "30 acknowledged and 3 refused claims", cluster.Diagnostics);

        var clock = Stopwatch.StartNew();
        var killedAt = await KillAsync(cluster, output, key, regions[0], victim, clock);

        // Claims go on until one is acknowledged again after the kill (bounded), so the kill lands mid-burst.
        var acknowledgedAtKill = load.Acknowledged;
        await load.WhenAsync(l => l.Acknowledged > acknowledgedAtKill + 5, TimeSpan.FromSeconds(60), "claims acknowledged again after the kill", cluster.Diagnostics);
        await load.StopAsync();
        var stoppedAt = clock.Elapsed;

        await Eventually.Until(
            async () => string.Join(", ", await PendingAsync(http, regions, consumers)),
            pending => pending.Length == 0,
            ConvergenceBound,
            "every change across regions to be decided and applied everywhere",
            cluster.Diagnostics,
            TimeSpan.FromMilliseconds(250));
        var convergedAt = clock.Elapsed;
        var attempts = load.Attempts;
        output.WriteLine(
            $"{victim}: {attempts.Count} claims ({attempts.Count(a => a.Status == 200)} acknowledged, {attempts.Count(a => a.Status == 409)} refused, " +
            $"{attempts.Count(a => a.Unknown)} unanswered); converged {Seconds(convergedAt - killedAt)} after the kill, {Seconds(convergedAt - stoppedAt)} after the load stopped");

        var unexpected = attempts.Where(a => a.Status is not (200 or 409 or 503 or -1)).Take(5).ToList();
        Assert.True(unexpected.Count == 0, $"Every claim must be answered 200, 409 or 503 (or not at all); got {string.Join("; ", unexpected)}");
        await AssertPoolsAreTheSumOfTheirReservationsAsync(http, regions);
        foreach (var consumer in consumers)
        {
            await AssertAllOrNothingAsync(http, regions, consumer, attempts.Where(a => a.Consumer == consumer).OrderBy(a => a.Sequence).ToList());
        }

        return convergedAt - killedAt;
    }

    /// <summary>
    /// Creates a test region with both pools. A silo started for the previous trial may still be joining, and a write
    /// caught in that answers 503 part-way through the setup; the setup then starts over under a fresh id (bounded).
    /// </summary>
    private static async Task<string> CreateRegionAsync(LocalCluster cluster, string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            var region = attempt == 0 ? id : $"{id}-{attempt}";
            try
            {
                await cluster.Http.CreateAcceptingRegionAsync(region, Resources[0], PoolSize);
                (await cluster.Http.PutAsJsonAsync($"/api/regions/{region}/capacity/{Resources[1]}", new { total = PoolSize })).EnsureSuccessStatusCode();
                return region;
            }
            catch (Exception exception) when (attempt < 5 && exception.Message.Contains("503", StringComparison.Ordinal))
            {
                // Until the gateway reads a region again, as the 503's Retry-After asks.
                await cluster.WaitUntilServingAsync();
            }
        }
    }

    /// <summary>Kills the victim (and starts a new gateway in place of a killed one); returns when it was killed.</summary>
    private static async Task<TimeSpan> KillAsync(LocalCluster cluster, ITestOutputHelper output, string key, string firstRegion, Victim victim, Stopwatch clock)
    {
        if (victim == Victim.Gateway)
        {
            cluster.KillGateway();
            var killed = clock.Elapsed;
            output.WriteLine("killed the gateway");
            await cluster.StartGatewayAsync();
            return killed;
        }

        var silos = cluster.LiveSilos;
        var counts = await Task.WhenAll(silos.Select(s => victim == Victim.ClaimSilo ? s.CountGrainsAsync("consumer", key) : s.CountGrainsAsync("region", firstRegion)));
        var target = silos[Array.IndexOf(counts, counts.Max())];
        target.Kill();
        output.WriteLine($"killed {target.Name} (process {target.Id}), which held {counts.Max()} of the trial's {(victim == Victim.ClaimSilo ? "consumers" : "first region")}");
        return clock.Elapsed;
    }

    /// <summary>What is still undecided: regions with pending changes, consumers with a change in flight.</summary>
    private static async Task<List<string>> PendingAsync(HttpClient http, string[] regions, string[] consumers)
    {
        var pending = new List<string>();
        foreach (var region in regions)
        {
            var json = await ReadAsync(http, $"/api/regions/{region}");
            if ((int)json["pendingChanges"]! > 0)
            {
                pending.Add($"{region}: {json["pendingChanges"]} pending");
            }
        }

        foreach (var consumer in consumers)
        {
            if ((bool)(await ReadAsync(http, $"/api/consumers/{consumer}"))["pending"]!)
            {
                pending.Add($"{consumer} pending");
            }
        }

        return pending;
    }

    private static async Task AssertPoolsAreTheSumOfTheirReservationsAsync(HttpClient http, string[] regions)
    {
        foreach (var region in regions)
        {
            var json = await ReadAsync(http, $"/api/regions/{region}");
            var held = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var reservation in await ReservationsAsync(http, region))
            {
                foreach (var (resource, amount) in reservation["resources"]!.AsObject())
                {
                    held[resource] = held.GetValueOrDefault(resource) + (long)amount!;
                }
            }

            foreach (var resource in Resources)
            {
                var pool = json["capacity"]![resource]!;
                Assert.Equal(held.GetValueOrDefault(resource), (long)pool["reserved"]!);
                Assert.True((long)pool["reserved"]! <= (long)pool["usable"]!, $"{region} {resource}: reserved {pool["reserved"]} above usable {pool["usable"]}");
            }
        }
    }

    private static async Task AssertAllOrNothingAsync(HttpClient http, string[] regions, string consumer, List<ClaimLoad.Attempt> attempts)
    {
        var held = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            if ((await ReservationsAsync(http, region)).FirstOrDefault(r => (string?)r["reservationId"] == $"claim:{consumer}") is { } claim)
            {
                held[region] = ClaimLoad.Canonical(claim["resources"]!.AsObject().ToDictionary(p => p.Key, p => (long)p.Value!));
            }
        }

        var view = await ReadAsync(http, $"/api/consumers/{consumer}");
        var says = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (region, holds) in view["allocations"]!.AsObject())
        {
            says[region] = ClaimLoad.Canonical(holds!.AsObject().ToDictionary(p => p.Key, p => (long)p.Value!));
        }

        var holding = ClaimLoad.Canonical(held);
        Assert.True(holding == ClaimLoad.Canonical(says), $"{consumer}: the regions hold {holding} but the consumer's claims are {ClaimLoad.Canonical(says)}");

        // The last acknowledged claim, or any later one whose answer never came; nothing if none was acknowledged.
        var lastAcknowledged = attempts.FindLastIndex(a => a.Status == 200);
        var allowed = attempts.Skip(lastAcknowledged + 1).Where(a => a.Unknown).Select(a => a.Expected)
            .Append(lastAcknowledged >= 0 ? attempts[lastAcknowledged].Expected : ClaimLoad.Canonical(new SortedDictionary<string, string>()))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(
            allowed.Contains(holding),
            $"{consumer} holds {holding}, which is neither its last acknowledged claim nor a later unanswered one: {string.Join(" | ", allowed)}");
    }

    private static async Task<List<JsonObject>> ReservationsAsync(HttpClient http, string region)
    {
        var list = (JsonArray)(await ReadNodeAsync(http, $"/api/regions/{region}/reservations?limit=1000"));
        return [.. list.Select(r => r!.AsObject())];
    }

    private static async Task<JsonObject> ReadAsync(HttpClient http, string path) => (await ReadNodeAsync(http, path)).AsObject();

    private static async Task<JsonNode> ReadNodeAsync(HttpClient http, string path)
    {
        using var response = await http.GetRetryingUnavailableAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0s", CultureInfo.InvariantCulture);
}
