using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace RegionGrains.Cluster.Tests;

/// <summary>Webhook deliveries through a receiver outage and a <c>kill -9</c> of the silo delivering them.</summary>
public static class WebhookScenarios
{
    private static readonly string[] ReservedOnly = ["Reserved"];

    /// <summary>
    /// How long the receiver stays down: 10 s by default, <c>WEBHOOK_RECEIVER_DOWN_SECONDS</c> for longer outages
    /// (the full schedule is 60 s).
    /// </summary>
    private static TimeSpan ReceiverDown =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("WEBHOOK_RECEIVER_DOWN_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 10);

    /// <summary>
    /// A rule delivers every reservation of four regions to a receiver that is down; 40 reservations are acknowledged,
    /// the silo running the rule is killed while it retries, and the receiver comes back after its outage. Every
    /// event is then delivered, correctly signed, and a repeat only ever carries an id already delivered.
    /// </summary>
    public static async Task KillDeliveringSiloWhileReceiverIsDownAsync(LocalCluster cluster, ITestOutputHelper output, string key)
    {
        while (cluster.LiveSilos.Count < 3)
        {
            await cluster.StartSiloAsync();
        }

        var http = cluster.Http;
        var regions = Enumerable.Range(0, 4).Select(i => $"{key}-{i:00}").ToList();
        await Task.WhenAll(regions.Select(r => http.CreateAcceptingRegionAsync(r, FailoverScenarios.Resource, 1_000_000)));
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await receiver.StopAsync();
        var down = Stopwatch.StartNew();

        var rule = $"{key}-rule";
        using (var put = await http.PutAsJsonAsync(
            $"/api/event-rules/{rule}",
            new { on = ReservedOnly, regions, target = new { url = receiver.Url }, secret = WebhookReceiver.Secret }))
        {
            Assert.True(put.IsSuccessStatusCode, $"PUT rule: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }

        for (var i = 0; i < 40; i++)
        {
            var (status, _, problem) = await http.ReserveAsync(regions[i % regions.Count], $"{key}-r{i:00}", FailoverScenarios.Resource);
            Assert.True(status == 201, $"reservation {i}: {status} {problem}");
        }

        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            using var history = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/regions/{region}/history?limit=100", UriKind.Relative)));
            foreach (var e in history.RootElement.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Reserved"))
            {
                expected.Add($"{rule}:{region}:{e.GetProperty("version").GetInt64()}");
            }
        }

        Assert.Equal(40, expected.Count);

        // The rule is retrying against the closed port: kill the silo it runs on.
        var victim = await Eventually.Until(
            async () =>
            {
                foreach (var silo in cluster.LiveSilos)
                {
                    if (await silo.CountGrainsAsync("eventrule", rule) > 0)
                    {
                        return silo;
                    }
                }

                return null;
            },
            silo => silo is not null,
            TimeSpan.FromSeconds(15),
            $"the rule {rule} to be active on a silo",
            cluster.Diagnostics);
        victim!.Kill();
        output.WriteLine($"killed {victim.Name} (process {victim.Id}), which ran {rule}, {down.Elapsed.TotalSeconds:0.0} s into the outage");

        // The outage ends once it has lasted its time and the rule, woken on another silo, has tried again since the kill.
        var killedAt = DateTimeOffset.UtcNow;
        await Eventually.Until(
            async () =>
            {
                using var deliveries = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/event-rules/{rule}/deliveries?limit=1000", UriKind.Relative)));
                return deliveries.RootElement.EnumerateArray().Any(d => d.GetProperty("lastAttemptAt").GetDateTimeOffset() > killedAt);
            },
            retried => retried && down.Elapsed >= ReceiverDown,
            ReceiverDown + TimeSpan.FromSeconds(60),
            "the rule to retry from another silo after the kill",
            cluster.Diagnostics,
            interval: TimeSpan.FromMilliseconds(500));
        await receiver.StartAsync();
        output.WriteLine($"receiver back after {down.Elapsed.TotalSeconds:0.0} s down");

        var received = await receiver.WaitUntilAsync([], r => expected.IsSubsetOf(r.Select(w => w.Id)), TimeSpan.FromSeconds(90), "every reservation's delivery");
        var ids = received.Select(r => r.Id).ToList();
        output.WriteLine($"{ids.Count} deliveries of {expected.Count} events ({ids.Count - ids.Distinct().Count()} repeats)");
        Assert.All(received, r => Assert.True(r.SignatureValid, $"{r.Id}: signature does not verify"));
        Assert.DoesNotContain(ids, id => !expected.Contains(id));
    }
}
