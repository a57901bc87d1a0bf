using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;

namespace RegionGrains.Cluster.Tests;

/// <summary>
/// What the failover tests check, whatever store the cluster runs on: a silo killed under load, and a cold restart.
/// </summary>
public static partial class FailoverScenarios
{
    /// <summary>The pool every test region has and every reservation takes from.</summary>
    public const string Resource = "racks";

    private const long PoolSize = 1_000_000;
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs reservation load, <c>kill -9</c>s <paramref name="victim"/> (one of 3 live silos), and checks:
    /// every answer is a 2xx or a 503 problem+json; requests succeed again within 15 s; replaying every attempted id
    /// gives exactly one reservation per id (and acknowledged ones are replays, so none was lost); reserved equals the
    /// number of distinct ids, never more than the total; the footprint equals the sum of the regions.
    /// </summary>
    public static async Task KillSiloUnderLoadAsync(IFailoverCluster cluster, ITestOutputHelper output, string key, IFailoverSilo victim)
    {
        var http = cluster.Http;
        var regions = await CreateRegionsHeldByAsync(cluster, output, key, victim);
        TimeSpan killedAt;
        IReadOnlyCollection<ReservationLoad.Attempt> attempts;
        await using (var load = new ReservationLoad(http, regions, Resource, key))
        {
            await load.WhenAsync(l => l.Acknowledged >= 300, TimeSpan.FromSeconds(30), "300 acknowledged reservations before the kill", cluster.Diagnostics);
            killedAt = load.Now;
            victim.Kill();
            output.WriteLine($"killed {victim.Name} (process {victim.Id}) at {Seconds(killedAt)} of load");

            // Keep the load on until it has run cleanly for a while after the kill (bounded).
            await load.WhenAsync(
                l => RecoveredFor(l, killedAt, TimeSpan.FromSeconds(3)) || l.Now - killedAt > TimeSpan.FromSeconds(25),
                TimeSpan.FromSeconds(40),
                "the load to run after the kill",
                cluster.Diagnostics);
            await load.StopAsync();
            attempts = load.Attempts;
        }

        var failed = attempts.Where(a => !a.Acknowledged).ToList();
        var lastFailureEnd = failed.Count == 0 ? killedAt : failed.Max(a => a.Ended);
        output.WriteLine(
            $"{attempts.Count} attempts: {attempts.Count(a => a.Acknowledged)} acknowledged, {failed.Count(a => a.IsUnavailableProblem)} answered 503; " +
            $"last failure ended {Seconds(lastFailureEnd - killedAt)} after the kill; slowest failure took {Seconds(failed.Count == 0 ? TimeSpan.Zero : failed.Max(a => a.Ended - a.Started))}");

        var unexpected = failed.Where(a => !a.IsUnavailableProblem).Take(5).ToList();
        Assert.True(unexpected.Count == 0, $"Every answer must be a 2xx or a 503 problem+json; got {string.Join(", ", unexpected)}\n{cluster.Diagnostics()}");
        Assert.True(lastFailureEnd - killedAt <= RecoveryBound, $"Requests failed until {Seconds(lastFailureEnd - killedAt)} after the kill; the bound is {Seconds(RecoveryBound)}.");
        Assert.Contains(attempts, a => a.Acknowledged && a.Started > lastFailureEnd);

        await ReplayEveryAttemptAsync(http, attempts, cluster);
        await AssertFootprintIsTheSumOfRegionsAsync(cluster);
    }

    /// <summary>
    /// Creates accepting test regions (ids <c>{key}-…</c>, one pool of <see cref="Resource"/>) until
    /// <paramref name="victim"/> holds some of them, and returns them all; fails when placement never chose it.
    /// </summary>
    public static async Task<List<string>> CreateRegionsHeldByAsync(IFailoverCluster cluster, ITestOutputHelper output, string key, IFailoverSilo victim)
    {
        // Placement decides where regions live; add regions until the victim holds some, or losing it tests nothing.
        // A silo that has just joined is placed on only once the others' membership views include it, and where a
        // region went is known only inside the silos: ask the victim after each batch (bounded: 30 s, which a CI machine running other test projects beside this one needs).
        var http = cluster.Http;
        var regions = new List<string>();
        var batch = 0;
        var onVictim = await Eventually.Until(
            async () =>
            {
                var added = Enumerable.Range(0, 12).Select(i => $"{key}-{batch}-{i:00}").ToList();
                batch++;
                await Task.WhenAll(added.Select(r => http.CreateAcceptingRegionAsync(r, Resource, PoolSize)));
                regions.AddRange(added);
                return await victim.CountRegionsAsync($"{key}-");
            },
            count => count > 0,
            TimeSpan.FromSeconds(30),
            $"some of the test regions to be placed on {victim.Name}",
            cluster.Diagnostics,
            interval: TimeSpan.FromSeconds(1));
        output.WriteLine($"{victim.Name} holds {onVictim} of the {regions.Count} test regions");
        return regions;
    }

    /// <summary>
    /// Every process is killed at once and the cluster started again from nothing but its store: every region reads
    /// back exactly as before (status, pools, reservations, version), reservation ids are still remembered, and the
    /// footprint is rebuilt to the same sums.
    /// </summary>
    public static async Task ColdRestartAsync(IFailoverCluster cluster, ITestOutputHelper output, string key)
    {
        var http = cluster.Http;
        var regions = Enumerable.Range(0, 6).Select(i => $"{key}-{i:00}").ToList();
        await Task.WhenAll(regions.Select(r => http.CreateAcceptingRegionAsync(r, Resource, PoolSize)));
        for (var i = 0; i < regions.Count; i++)
        {
            for (var n = 0; n <= i; n++)
            {
                var (status, _, problem) = await http.ReserveAsync(regions[i], $"{regions[i]}-{n}", Resource);
                Assert.True(status == 201, $"Reserving in {regions[i]} answered {status} {problem}");
            }
        }

        var online = await http.PostAsync(new Uri($"/api/regions/{regions[0]}/status", UriKind.Relative), Json("""{"status":"Online","reason":"cold restart test"}"""));
        Assert.True(online.IsSuccessStatusCode, $"Moving {regions[0]} online answered {(int)online.StatusCode}");
        await AssertFootprintIsTheSumOfRegionsAsync(cluster);

        var before = await ReadEveryRegionAsync(cluster);
        var footprintBefore = await http.GetFootprintAsync();

        cluster.KillAll();
        var restart = System.Diagnostics.Stopwatch.StartNew();
        await cluster.RestartAsync();
        output.WriteLine($"cluster serving again {Seconds(restart.Elapsed)} after killing every process and starting them anew");

        var after = await ReadEveryRegionAsync(cluster);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, json) in before)
        {
            Assert.Equal(json, after[id]);
        }

        var replay = await http.ReserveAsync(regions[^1], $"{regions[^1]}-0", Resource);
        Assert.Equal(200, replay.Status);

        var footprintAfter = await AssertFootprintIsTheSumOfRegionsAsync(cluster);
        Assert.Equal(footprintBefore.Regions, footprintAfter.Regions);
        Assert.Equal(footprintBefore.Resources.OrderBy(p => p.Key), footprintAfter.Resources.OrderBy(p => p.Key));
    }

    /// <summary>
    /// <c>kill -9</c> of every process in the middle of a burst of reservations, some of them refused for lack of
    /// capacity, then a cold start. Each region's journaled history is the witness: every acknowledged reservation is
    /// in it, no refused one is, and reserved equals the reservations it records, never above the total. Requests
    /// that got no answer may have committed or not; either is fine, but only whole.
    /// </summary>
    public static async Task KillEveryProcessDuringABurstAsync(IFailoverCluster cluster, ITestOutputHelper output, string key)
    {
        var http = cluster.Http;
        var regions = Enumerable.Range(0, 6).Select(i => $"{key}-{i:00}").ToList();

        // Half the regions run out of capacity during the burst, so refusals and acknowledgements interleave.
        await Task.WhenAll(regions.Select((r, i) => http.CreateAcceptingRegionAsync(r, Resource, i % 2 == 0 ? 40 : PoolSize)));
        await using var load = new ReservationLoad(http, regions, Resource, key, workers: 8);
        await load.WhenAsync(
            l => l.Acknowledged >= 300 && l.Refused >= 10,
            TimeSpan.FromSeconds(60),
            "300 acknowledged and 10 refused reservations",
            cluster.Diagnostics);
        cluster.KillAll();
        await load.StopAsync();
        var attempts = load.Attempts;
        var acknowledged = attempts.Where(a => a.Acknowledged).Select(a => a.ReservationId).ToHashSet(StringComparer.Ordinal);
        var refused = attempts.Where(a => a.Status == 409).Select(a => a.ReservationId).ToHashSet(StringComparer.Ordinal);
        var unanswered = attempts.Count(a => a.Status == -1);
        output.WriteLine($"killed every process after {acknowledged.Count} acknowledged, {refused.Count} refused, {unanswered} unanswered reservations");

        await cluster.RestartAsync();
        foreach (var (region, index) in regions.Select((r, i) => (r, i)))
        {
            var reserved = await ReservedIdsInHistoryAsync(http, region);
            var read = await http.GetRegionAsync(region);
            var lost = attempts.Where(a => a.RegionId == region && acknowledged.Contains(a.ReservationId) && !reserved.Contains(a.ReservationId)).Select(a => a.ReservationId).ToList();
            Assert.True(lost.Count == 0, $"{region}: {lost.Count} acknowledged reservations are missing after the restart, e.g. {string.Join(", ", lost.Take(5))}");
            var kept = reserved.Where(refused.Contains).ToList();
            Assert.True(kept.Count == 0, $"{region}: refused reservations are held after the restart: {string.Join(", ", kept.Take(5))}");
            Assert.Equal(reserved.Count, read.Capacity[Resource].Reserved);
            Assert.Equal(reserved.Count, read.Reservations);
            Assert.True(read.Capacity[Resource].Reserved <= read.Capacity[Resource].Total, $"{region}: reserved {read.Capacity[Resource].Reserved} exceeds total {read.Capacity[Resource].Total}.");
            if (index % 2 == 0)
            {
                Assert.Equal(40, read.Capacity[Resource].Reserved);
            }
        }

        await AssertFootprintIsTheSumOfRegionsAsync(cluster);
    }

    /// <summary>The ids of every reservation a region's history records (the load never releases, so all are held).</summary>
    private static async Task<HashSet<string>> ReservedIdsInHistoryAsync(HttpClient http, string region)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var next = $"/api/regions/{region}/history?limit=1000";
        while (next is not null)
        {
            using var response = await http.GetAsync(new Uri(next, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            using var page = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (var e in page.RootElement.EnumerateArray())
            {
                if (e.GetProperty("kind").GetString() == "Reserved")
                {
                    ids.Add(e.GetProperty("detail").GetString()!.Split(':')[0]);
                }
            }

            next = response.Headers.TryGetValues("Link", out var links) ? links.Single()[1..links.Single().IndexOf('>', StringComparison.Ordinal)] : null;
        }

        return ids;
    }

    /// <summary>
    /// Whether the load has answered only successes for <paramref name="clean"/>, at least 5 s after the kill, with no
    /// request still waiting from before that window (one waiting on the dead silo would yet end as a failure).
    /// </summary>
    public static bool RecoveredFor(ReservationLoad load, TimeSpan killedAt, TimeSpan clean)
    {
        var now = load.Now;
        if (now - killedAt < TimeSpan.FromSeconds(5) || (load.OldestInFlight is { } oldest && now - oldest > TimeSpan.FromSeconds(1)))
        {
            return false;
        }

        var cleanSince = load.LastFailureEnded is { } lastFailure && lastFailure > killedAt ? lastFailure : killedAt;
        return now - cleanSince >= clean && load.EndedSince(cleanSince).Count(a => a.Acknowledged && a.Started > cleanSince) >= 100;
    }

    /// <summary>
    /// Replays every attempted id with the same body (a 503 retried as its Retry-After asks). An id whose answer was lost
    /// in the outage may or may not be held, so it may come back created (201) or replayed (200); an acknowledged one
    /// must come back replayed, or it was lost, unless each of its acknowledged attempts is one that
    /// <paramref name="mayBeVoided"/> names (a write the storage itself may void, such as one acknowledged while the
    /// kernel aborted the file system's journal).
    /// Afterwards every id is held exactly once, so each region's reserved equals its number of distinct ids.
    /// </summary>
    /// <returns>The acknowledged ids that were not held, all of them allowed by <paramref name="mayBeVoided"/>.</returns>
    public static async Task<IReadOnlyCollection<string>> ReplayEveryAttemptAsync(
        HttpClient http, IReadOnlyCollection<ReservationLoad.Attempt> attempts, IFailoverCluster cluster, Func<ReservationLoad.Attempt, bool>? mayBeVoided = null)
    {
        var byId = attempts.GroupBy(a => a.ReservationId).ToDictionary(
            g => g.Key,
            g => (g.First().RegionId, Acknowledged: g.Any(a => a.Acknowledged), Voidable: mayBeVoided is not null && g.Where(a => a.Acknowledged).All(mayBeVoided)));
        var lost = new ConcurrentBag<string>();
        var voided = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(byId, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (entry, _) =>
        {
            var (id, (region, acknowledged, voidable)) = entry;
            var (status, _, problem) = await http.ReserveAsync(region, id, Resource, retryUnavailable: true);

            if (status is not (200 or 201))
            {
                refused.Add($"{id}: {status} {problem}");
            }
            else if (acknowledged && status == 201)
            {
                (voidable ? voided : lost).Add(id);
            }
        });

        Assert.True(refused.IsEmpty, $"Replays must succeed; {refused.Count} did not, e.g. {string.Join(", ", refused.Take(5))}\n{cluster.Diagnostics()}");
        Assert.True(lost.IsEmpty, $"{lost.Count} acknowledged reservations were lost (their replay created them anew), e.g. {string.Join(", ", lost.Take(5))}");

        foreach (var region in byId.GroupBy(p => p.Value.RegionId))
        {
            var read = await http.GetRegionAsync(region.Key);
            var pool = read.Capacity[Resource];
            Assert.True(pool.Reserved == region.Count(), $"{region.Key}: reserved {pool.Reserved}, but {region.Count()} distinct ids were attempted and replayed.");
            Assert.Equal(region.Count(), read.Reservations);
            Assert.True(pool.Reserved <= pool.Total, $"{region.Key}: reserved {pool.Reserved} exceeds total {pool.Total}.");
        }

        return voided;
    }

    /// <summary>
    /// Waits until the footprint equals the sum of the regions (read through the API, the test's own oracle): compared
    /// now, and again after each footprint event of the gateway's stream, which pushes every change of the footprint,
    /// or after a second without one (the stream is silent for up to the hub's renewal interval after the coordinator
    /// moved, and a change made before it came back is not pushed again); fails after 30 s with the last difference.
    /// </summary>
    public static async Task<GatewayApi.Footprint> AssertFootprintIsTheSumOfRegionsAsync(IFailoverCluster cluster)
    {
        var bound = TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(bound);
        string? difference = null;
        using var events = await cluster.Http.OpenFootprintEventsAsync(cancel.Token);

        // The stream is read on its own, so that waiting for "an event or a second" never cancels a read of it.
        var arrived = Channel.CreateUnbounded<bool>();
        var reading = Task.Run(async () =>
        {
            try
            {
                while (await events.NextFootprintEventAsync(cancel.Token))
                {
                    arrived.Writer.TryWrite(true);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
            {
                // The wait ended, or the stream did: the comparison goes on once a second.
            }
            finally
            {
                arrived.Writer.TryComplete();
            }
        });
        using var second = new PeriodicTimer(TimeSpan.FromSeconds(1));
        Task<bool>? nextTick = null;
        Task<bool>? nextEvent = null;
        try
        {
            while (true)
            {
                var regions = await cluster.Http.ListRegionsAsync();
                var footprint = await cluster.Http.GetFootprintAsync();
                difference = GatewayApi.DifferenceFromSum(footprint, regions);
                if (difference is null)
                {
                    return footprint;
                }

                // Compare again on the next event, or on the next second's tick when none comes (or the stream ended).
                nextTick ??= second.WaitForNextTickAsync(cancel.Token).AsTask();
                nextEvent ??= arrived.Reader.Completion.IsCompleted ? null : arrived.Reader.WaitToReadAsync(cancel.Token).AsTask();
                var woke = nextEvent is null ? nextTick : await Task.WhenAny(nextTick, nextEvent);
                await woke;
                if (woke == nextTick)
                {
                    nextTick = null;
                }
                else
                {
                    nextEvent = null;
                    while (arrived.Reader.TryRead(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Assert.Fail($"Timed out after {Seconds(bound)} waiting for the footprint to equal the sum of the regions; neither a footprint event nor a second's wait brought it there. Difference: {difference}\n{cluster.Diagnostics()}");
            throw;
        }
        finally
        {
            await cancel.CancelAsync();
            await reading;
        }
    }

    /// <summary>Every region's JSON as the gateway serves it; a read that still fails after its retries names what each process said.</summary>
    private static async Task<Dictionary<string, string>> ReadEveryRegionAsync(IFailoverCluster cluster)
    {
        var regions = await cluster.Http.ListRegionsAsync();
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            using var response = await cluster.Http.GetRetryingUnavailableAsync($"/api/regions/{region.Id}");
            Assert.True(response.IsSuccessStatusCode, $"GET /api/regions/{region.Id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{cluster.Diagnostics()}");
            read[region.Id] = await response.Content.ReadAsStringAsync();
        }

        return read;
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0s", CultureInfo.InvariantCulture);
}
