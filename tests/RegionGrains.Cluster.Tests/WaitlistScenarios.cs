using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RegionGrains.Cluster.Tests;

/// <summary>A region's waitlist through a <c>kill -9</c> of the silo hosting it.</summary>
public static class WaitlistScenarios
{
    private const long PoolSize = 100;
    private const int Holders = 20;
    private const int Waiters = 200;

    /// <summary>
    /// Fills a pool of 100 with 20 holders of 5 on a region the victim silo hosts, queues 200 waiters of 1 to 5 (each
    /// answered 202), releases the holders in random order and <c>kill -9</c>s the silo halfway. Afterwards every waiter
    /// is still there, granted (Active) or Waiting; what is granted is exactly what the pool reserves and never beyond
    /// it; no waiter that would fit is left waiting (first fit at rest); and the history shows each waiter granted at
    /// most once.
    /// </summary>
    public static async Task KillSiloHostingAWaitlistAsync(LocalCluster cluster, ITestOutputHelper output, string key)
    {
        while (cluster.LiveSilos.Count < 3)
        {
            await cluster.StartSiloAsync();
        }

        var victim = cluster.LiveSilos[^1];
        var http = cluster.Http;
        string? region = null;
        foreach (var candidate in await FailoverScenarios.CreateRegionsHeldByAsync(cluster, output, key, victim))
        {
            if (await victim.CountRegionsAsync(candidate) == 1)
            {
                region = candidate;
                break;
            }
        }

        Assert.True(region is not null, $"{victim.Name} holds none of the test regions by exact id");
        await ExpectAsync(http, HttpMethod.Put, $"/api/regions/{region}/capacity/{FailoverScenarios.Resource}", new { total = PoolSize }, HttpStatusCode.OK);
        for (var i = 0; i < Holders; i++)
        {
            await ExpectAsync(http, HttpMethod.Post, $"/api/regions/{region}/reservations", new { reservationId = $"h-{i:00}", resource = FailoverScenarios.Resource, amount = PoolSize / Holders }, HttpStatusCode.Created);
        }

        var random = new Random(key.GetHashCode(StringComparison.Ordinal));
        var amounts = Enumerable.Range(0, Waiters).ToDictionary(i => $"w-{i:000}", _ => (long)random.Next(1, 6));
        foreach (var (id, amount) in amounts)
        {
            await ExpectAsync(http, HttpMethod.Post, $"/api/regions/{region}/reservations", new { reservationId = id, resource = FailoverScenarios.Resource, amount, waitSeconds = 3_600 }, HttpStatusCode.Accepted);
        }

        var order = Enumerable.Range(0, Holders).OrderBy(_ => random.Next()).ToList();
        for (var n = 0; n < order.Count; n++)
        {
            if (n == Holders / 2)
            {
                victim.Kill();
                output.WriteLine($"killed {victim.Name} (process {victim.Id}) after {n} releases");
            }

            // A release whose answer was lost to the kill may have been applied: sent again, it finds nothing to release.
            await ExpectAsync(http, HttpMethod.Delete, $"/api/regions/{region}/reservations/h-{order[n]:00}", null, HttpStatusCode.NoContent, HttpStatusCode.NotFound);
        }

        var states = new Dictionary<string, string>();
        foreach (var id in amounts.Keys)
        {
            using var read = await http.GetRetryingUnavailableAsync($"/api/regions/{region}/reservations/{id}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"waiter {id}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
            using var body = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
            states[id] = body.RootElement.GetProperty("state").GetString()!;
        }

        var pool = (await http.GetRegionAsync(region!)).Capacity[FailoverScenarios.Resource];
        var granted = amounts.Where(p => states[p.Key] == "Active").ToList();
        var waiting = amounts.Where(p => states[p.Key] == "Waiting").ToList();
        output.WriteLine($"{granted.Count} granted ({granted.Sum(p => p.Value)} reserved of {PoolSize}), {waiting.Count} waiting");
        Assert.Equal(Waiters, granted.Count + waiting.Count);
        Assert.Equal(granted.Sum(p => p.Value), pool.Reserved);
        Assert.True(pool.Reserved <= PoolSize, $"{pool.Reserved} reserved of {PoolSize}");
        Assert.All(waiting, p => Assert.True(p.Value > PoolSize - pool.Reserved, $"{p.Key} ({p.Value}) waits although {PoolSize - pool.Reserved} is available"));

        using var history = await http.GetRetryingUnavailableAsync($"/api/regions/{region}/history?limit=1000");
        using var events = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        var grants = events.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "Granted")
            .Select(e => e.GetProperty("detail").GetString()!.Split(':')[0])
            .ToList();
        Assert.Equal(granted.Select(p => p.Key).Order(StringComparer.Ordinal), grants.Order(StringComparer.Ordinal));
    }

    private static async Task ExpectAsync(HttpClient http, HttpMethod method, string path, object? body, params HttpStatusCode[] expected)
    {
        using var response = await http.SendRetryingUnavailableAsync(
            () => new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) },
            CancellationToken.None);
        Assert.True(expected.Contains(response.StatusCode), $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
