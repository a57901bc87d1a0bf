using System.Globalization;
using RegionGrains.Cluster.Tests;
using RegionGrains.MultiHost.Tests.Infrastructure;

namespace RegionGrains.MultiHost.Tests;

/// <summary>Every silo restarted in turn, gracefully, under reservation load, on Redis: no caller sees a failure.</summary>
[Collection(RedisCluster.Name)]
public sealed class RedisRollingRestartTests(RedisClusterFixture fixture, ITestOutputHelper output)
{
    [NetnsFact]
    public async Task RestartingEverySiloInTurnUnderLoadFailsNoRequest()
    {
        var cluster = fixture.Cluster;
        await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var key = $"rolling-{Guid.NewGuid():N}"[..16];
        var regions = await FailoverScenarios.CreateRegionsHeldByAsync(cluster, output, key, cluster.Silo(1));

        string script;
        IReadOnlyCollection<ReservationLoad.Attempt> attempts;
        await using (var load = new ReservationLoad(cluster.Http, regions, FailoverScenarios.Resource, key, maxDuration: TimeSpan.FromMinutes(6)))
        {
            await load.WhenAsync(l => l.Acknowledged >= 200, TimeSpan.FromSeconds(30), "200 acknowledged reservations before the restart", cluster.Diagnostics);
            var startedAt = load.Now;
            // The restart may take up to its own bound of 5 minutes on a busy machine: the load outlasts it.
            script = await cluster.RollingRestartAsync();
            var endedAt = load.Now;
            output.WriteLine(script);
            output.WriteLine($"rolling restart of {cluster.SiloCount} silos took {FailoverScenarios.Seconds(endedAt - startedAt)} of load");
            await load.WhenAsync(l => l.Latest is { } latest && latest.Started - endedAt > TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), "an attempt started 2 s after the restart to end", cluster.Diagnostics);
            await load.StopAsync();
            attempts = load.Attempts;
        }

        var failed = attempts.Where(a => !a.Acknowledged).ToList();
        var slowest = attempts.Max(a => a.Ended - a.Started);
        var waited = attempts.Count(a => a.Ended - a.Started > TimeSpan.FromSeconds(1));
        output.WriteLine(
            $"{attempts.Count} requests, {failed.Count} failed; {waited} waited more than 1 s; slowest {slowest.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms; " +
            $"gateway retries: {CountLines(cluster.Log("gateway"), "sending it again")}");
        Assert.True(failed.Count == 0, $"{failed.Count} requests failed during the rolling restart, e.g. {string.Join(", ", failed.Take(5))}\n{cluster.Diagnostics()}");

        await FailoverScenarios.ReplayEveryAttemptAsync(cluster.Http, attempts, cluster);
        await FailoverScenarios.AssertFootprintIsTheSumOfRegionsAsync(cluster);
    }

    private static int CountLines(string log, string text) => log.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));
}
