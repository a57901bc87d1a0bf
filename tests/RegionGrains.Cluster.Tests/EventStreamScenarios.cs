namespace RegionGrains.Cluster.Tests;

/// <summary>Region event streams through failures of the processes behind them.</summary>
public static class EventStreamScenarios
{
    private static readonly TimeSpan FollowBound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Follows regions (some held by the silo about to die) with clients that drop at random points and resume with
    /// Last-Event-ID while reservations are made on them, <c>kill -9</c>s that silo, and checks that each client saw
    /// every version from where it started to the region's final one, once each and in order.
    /// </summary>
    public static async Task KillSiloWhileFollowingAsync(LocalCluster cluster, ITestOutputHelper output, string key)
    {
        while (cluster.LiveSilos.Count < 3)
        {
            await cluster.StartSiloAsync();
        }

        var victim = cluster.LiveSilos[^1];
        var regions = await FailoverScenarios.CreateRegionsHeldByAsync(cluster, output, key, victim);
        var followed = new List<string>();
        foreach (var region in regions)
        {
            // Ids are {key}-{batch}-{nn}: as a prefix, an id matches only its own region.
            if (followed.Count < 3 && await victim.CountRegionsAsync(region) == 1)
            {
                followed.Add(region);
            }
        }

        followed.Add(regions.First(r => !followed.Contains(r)));
        var starts = new Dictionary<string, long>();
        foreach (var region in followed)
        {
            starts[region] = (await cluster.Http.GetRegionAsync(region)).Version;
        }

        var finals = followed.ToDictionary(r => r, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        var followers = followed.Select((r, i) => new RegionEventFollower(cluster.Http, r, starts[r], seed: i)).ToList();
        var following = followers.Select((f, i) => f.FollowUntilAsync(finals[followed[i]].Task, FollowBound, cluster.Diagnostics)).ToList();

        await using (var load = new ReservationLoad(cluster.Http, followed, FailoverScenarios.Resource, key))
        {
            await load.WhenAsync(l => l.Acknowledged >= 100, TimeSpan.FromSeconds(30), "100 acknowledged reservations before the kill", cluster.Diagnostics);
            var before = load.Acknowledged;
            victim.Kill();
            output.WriteLine($"killed {victim.Name} (process {victim.Id}) holding {followed.Count - 1} of the followed regions");
            await load.WhenAsync(l => l.Acknowledged >= before + 100, TimeSpan.FromSeconds(40), "100 more acknowledged reservations after the kill", cluster.Diagnostics);
            await load.StopAsync();
        }

        foreach (var region in followed)
        {
            finals[region].SetResult((await cluster.Http.GetRegionAsync(region)).Version);
        }

        await Task.WhenAll(following);
        for (var i = 0; i < followed.Count; i++)
        {
            var start = starts[followed[i]];
            var final = finals[followed[i]].Task.Result;
            output.WriteLine($"{followed[i]}: versions {start + 1}..{final} over {followers[i].Connections} connections");
            Assert.Equal(Enumerable.Range(0, (int)(final - start)).Select(v => start + 1 + v), followers[i].Versions);
        }
    }
}
