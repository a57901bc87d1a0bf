using System.Diagnostics;
using RegionGrains.Cluster.Tests;
using RegionGrains.MultiHost.Tests.Infrastructure;

namespace RegionGrains.MultiHost.Tests;

/// <summary>
/// 3 silos on 3 addresses, the gateway on a fourth and PostgreSQL on a fifth, under reservation load: a silo killed,
/// a silo cut off the network for 30 s, and the whole cluster cold-restarted. One cluster serves all three (and the
/// recorded histories of <see cref="PostgreSqlHistoryTests"/>).
/// </summary>
[Collection(PostgreSqlCluster.Name)]
public sealed class PostgreSqlFailoverTests(PostgreSqlClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan CutFor = TimeSpan.FromSeconds(30);

    [NetnsFact]
    public async Task KillingAnySiloUnderLoadLosesNoAcknowledgedReservationAndRecoversWithin15Seconds()
    {
        var cluster = fixture.Cluster;
        await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        await FailoverScenarios.KillSiloUnderLoadAsync(cluster, output, $"pgkill-{Guid.NewGuid():N}"[..14], cluster.Silo(3));
    }

    [NetnsFact]
    public async Task ColdRestartOfTheWholeClusterOnPostgreSqlReadsBackIdenticalState()
    {
        var cluster = fixture.Cluster;
        await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        await FailoverScenarios.ColdRestartAsync(cluster, output, $"pgcold-{Guid.NewGuid():N}"[..14]);
    }

    [NetnsFact]
    public async Task ASiloCutOffUnderLoadIsDeclaredDeadLosesAndOverAllocatesNothingAndRejoinsByItselfAfterHealing()
    {
        var cluster = fixture.Cluster;
        await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        var victim = cluster.Silo(2);
        var key = $"pgcut-{Guid.NewGuid():N}"[..14];
        var regions = await FailoverScenarios.CreateRegionsHeldByAsync(cluster, output, key, victim);
        var victimRegions = (await victim.RegionsAsync($"{key}-")).ToHashSet(StringComparer.Ordinal);
        var victimPid = victim.Id;
        var victimAddress = (await cluster.MembersAsync(victim.Index)).Self;

        TimeSpan cutAt, cutDone, deadAt, healAt, exitedAt, rejoinedAt;
        IReadOnlyCollection<ReservationLoad.Attempt> attempts;
        await using (var load = new ReservationLoad(cluster.Http, regions, FailoverScenarios.Resource, key))
        {
            await load.WhenAsync(l => l.Acknowledged >= 300, TimeSpan.FromSeconds(30), "300 acknowledged reservations before the cut", cluster.Diagnostics);
            cutAt = load.Now;
            await cluster.CutAsync(victim.Index);
            cutDone = load.Now;

            // The majority (silos 1 and 3) votes the unreachable silo dead in the membership table.
            await Eventually.Until(
                () => cluster.MembersAsync(1),
                view => view.Members.Any(m => m.Address == victimAddress && m.Status == "Dead"),
                TimeSpan.FromSeconds(45),
                $"the majority to declare {victim.Name} ({victimAddress}) dead",
                cluster.Diagnostics);
            deadAt = load.Now;

            // ... and serves the regions that lived on it (checked on each attempt as it ends).
            await load.WhenAsync(
                l => l.Latest is { } a && a.Acknowledged && a.Started > deadAt && victimRegions.Contains(a.RegionId),
                TimeSpan.FromSeconds(30),
                $"a reservation in a region of {victim.Name} acknowledged by the majority",
                cluster.Diagnostics);
            await load.WhenAsync(l => l.Now - cutAt >= CutFor, CutFor + TimeSpan.FromSeconds(10), "the end of the cut", cluster.Diagnostics);
            healAt = load.Now;
            await cluster.HealAsync(victim.Index);

            // The cut-off process learns that it was declared dead and stops; its supervisor starts a new one, which joins.
            await WaitForExitAsync(victimPid, TimeSpan.FromSeconds(60), $"the cut-off {victim.Name} (process {victimPid}) to stop by itself", cluster);
            exitedAt = load.Now;
            await Eventually.Until(
                () => cluster.MembersAsync(1),
                view => view.Members.Any(m => m.Name == victim.Name && m.Address != victimAddress && m.Status == "Active"),
                TimeSpan.FromSeconds(90),
                $"a new {victim.Name} to join as Active",
                cluster.Diagnostics);
            rejoinedAt = load.Now;
            var settled = load.Now;
            await load.WhenAsync(l => l.Now - settled > TimeSpan.FromSeconds(2) && l.OldestInFlight is null || l.Now - settled > TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20), "load after the rejoin", cluster.Diagnostics);
            await load.StopAsync();
            attempts = load.Attempts;
        }

        var failed = attempts.Where(a => !a.Acknowledged).ToList();
        // A request that started once the link was down cannot have been answered by the cut-off silo.
        var firstServed = attempts.Where(a => a.Acknowledged && a.Started > cutDone && victimRegions.Contains(a.RegionId)).Min(a => a.Ended);
        output.WriteLine(
            $"cut {victim.Name} at {S(cutAt)}: declared dead after {S(deadAt - cutAt)}; its regions served by the majority after {S(firstServed - cutAt)}; " +
            $"healed after {S(healAt - cutAt)}; the cut-off process stopped {S(exitedAt - healAt)} after healing; a new {victim.Name} Active {S(rejoinedAt - healAt)} after healing");
        output.WriteLine(
            $"{attempts.Count} requests: {attempts.Count(a => a.Acknowledged)} acknowledged, {failed.Count} answered 503 (all between {S(failed.Select(a => a.Started).DefaultIfEmpty().Min())} and {S(failed.Select(a => a.Ended).DefaultIfEmpty().Max())}); " +
            $"two activations of a region existed from {S(firstServed)} (the majority's first acknowledgement) until {S(exitedAt)} (the old process stopped): {S(exitedAt - firstServed)}, " +
            $"during which the old one could reach neither a caller nor the database");

        var unexpected = failed.Where(a => !a.IsUnavailableProblem).Take(5).ToList();
        Assert.True(unexpected.Count == 0, $"Every answer must be a 2xx or a 503 problem+json; got {string.Join(", ", unexpected)}\n{cluster.Diagnostics()}");
        await FailoverScenarios.ReplayEveryAttemptAsync(cluster.Http, attempts, cluster);
        await FailoverScenarios.AssertFootprintIsTheSumOfRegionsAsync(cluster);
    }

    /// <summary>Waits for a process that cluster.sh's supervisor started (not a child of the test) to exit.</summary>
    private static async Task WaitForExitAsync(int pid, TimeSpan timeout, string awaited, NetnsCluster cluster)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return; // Already gone.
        }

        using (process)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Timed out after {S(timeout)} waiting for {awaited}.\n{cluster.Diagnostics()}");
            }
        }
    }

    private static string S(TimeSpan time) => FailoverScenarios.Seconds(time);
}
