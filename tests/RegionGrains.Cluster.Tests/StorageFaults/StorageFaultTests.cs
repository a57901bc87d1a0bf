using System.Net;
using RegionGrains.Cluster.Tests.Infrastructure;

namespace RegionGrains.Cluster.Tests.StorageFaults;

/// <summary>
/// The embedded gateway (a co-hosted silo on SQLite) as a process, its data directory on a file system of its own that
/// the test breaks under reservation load: full, then freed; forced read-only by the kernel, then repaired. Each test
/// mounts its own disk, since the disk is what it breaks; both need root and skip where mounting cannot be done.
/// </summary>
[LongCollection]
public sealed class StorageFaultTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>How long the service may take to acknowledge writes again once the disk has space.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);

    /// <summary>How long the first refusals may take once the fault is there.</summary>
    private static readonly TimeSpan FaultSeenBound = TimeSpan.FromSeconds(20);

    /// <summary>How long each fault lasts under load.</summary>
    private static readonly TimeSpan FaultHeld = TimeSpan.FromSeconds(11);

    private readonly string _logs = Directory.CreateTempSubdirectory("regiongrains-storage-faults-").FullName;

    [DataDiskFact(DataDiskKind.Tmpfs)]
    public async Task AFullDataDiskRefusesWritesWith503LosesNothingAcknowledgedAndServesAgainOnceFreed()
    {
        using var disk = DataDisk.MountTmpfs(megabytes: 48);
        await using var gateway = new EmbeddedGatewayProcess(disk.DataDirectory, _logs);
        await using var load = await StartLoadAsync(gateway, "disk-full");

        await BreakUnderLoadAsync(gateway, load, "filled the disk", () => disk.Fill());

        var freedAt = load.Now;
        disk.Free();
        await load.WhenAsync(l => FailoverScenarios.RecoveredFor(l, freedAt, TimeSpan.FromSeconds(2)), RecoveryBound + TimeSpan.FromSeconds(5), "writes acknowledged again, with no failure for 2 s, after the disk was freed", gateway.Diagnostics);
        var recoveredAt = load.LastFailureEnded ?? freedAt;
        output.WriteLine($"freed at {FailoverScenarios.Seconds(freedAt)}; last refusal ended {FailoverScenarios.Seconds(recoveredAt - freedAt)} later");
        Assert.True(recoveredAt - freedAt <= RecoveryBound, $"Writes failed until {FailoverScenarios.Seconds(recoveredAt - freedAt)} after the disk was freed; the bound is {FailoverScenarios.Seconds(RecoveryBound)}.");
        await Eventually.Until(gateway.ReadinessAsync, s => s == 200, RecoveryBound, "/health/ready to answer 200 once the disk was freed", gateway.Diagnostics);
        await StopAndAssertAnswersAsync(load, gateway);

        // Durability: what was acknowledged is in the file, not only in the memory of the process that answered.
        var inMemory = await AssertMemoryHoldsWhatWasAcknowledgedAsync(gateway, load);
        gateway.KillAll();
        await gateway.RestartAsync();
        await AssertTheFileHoldsWhatWasAcknowledgedAsync(gateway, load, inMemory, refusedMayBeInTheFile: false, mayBeVoided: static _ => false);
    }

    [DataDiskFact(DataDiskKind.Ext4)]
    public async Task ADataDiskForcedReadOnlyRefusesWritesWith503AndLosesNothingAcknowledgedOnceRepaired()
    {
        using var disk = DataDisk.MountExt4(megabytes: 96);
        await using var gateway = new EmbeddedGatewayProcess(disk.DataDirectory, _logs);
        await using var load = await StartLoadAsync(gateway, "disk-ro");

        var fault = await BreakUnderLoadAsync(gateway, load, "forced the disk read-only", disk.ForceReadOnly);
        await StopAndAssertAnswersAsync(load, gateway);

        // Linux keeps such a file system read-only until it is unmounted, which no process may hold: the operator stops
        // the service, checks the disk and starts it again. Everything acknowledged before the fault is there; a write
        // whose fdatasync overlapped the kernel's abort of the file system's journal may not be (DataDisk.ForceReadOnly).
        var inMemory = await AssertMemoryHoldsWhatWasAcknowledgedAsync(gateway, load);
        gateway.KillAll();
        disk.Repair();
        await gateway.RestartAsync();
        var (refusedButWritten, voided) = await AssertTheFileHoldsWhatWasAcknowledgedAsync(gateway, load, inMemory, refusedMayBeInTheFile: true, fault.Overlapped);
        output.WriteLine($"after the repair: {refusedButWritten} reservations answered 503 turned out written; {voided} acknowledged while the kernel aborted the journal were not kept");
    }

    [DataDiskFact(DataDiskKind.Tmpfs)]
    public async Task RestartedOnAFullDiskItStopsWithOneLineSayingSoAndStartsOnceThereIsSpace()
    {
        using var disk = DataDisk.MountTmpfs(megabytes: 24);
        await using var gateway = new EmbeddedGatewayProcess(disk.DataDirectory, _logs);
        await gateway.StartAsync();
        await gateway.Process.StopAsync(TimeSpan.FromSeconds(30));
        disk.Fill();

        await gateway.AssertRefusesToStartAsync($"Cannot start: The data file '{Path.Combine(disk.DataDirectory, "regiongrains.db")}' cannot be used: the disk is full.");

        disk.Free();
        await gateway.StartAsync();
    }

    [DataDiskFact(DataDiskKind.Tmpfs)]
    public async Task StartedOnAReadOnlyDataDirectoryItStopsWithOneLineSayingSo()
    {
        using var disk = DataDisk.MountTmpfs(megabytes: 8);
        disk.RemountReadOnly();
        await using var gateway = new EmbeddedGatewayProcess(disk.DataDirectory, _logs);

        await gateway.AssertRefusesToStartAsync($"Cannot start: The data file '{Path.Combine(disk.DataDirectory, "regiongrains.db")}' cannot be used: it cannot be opened or created.");
    }

    public void Dispose() => Directory.Delete(_logs, recursive: true);

    /// <summary>Starts the gateway, defines the test's regions and runs reservation load on them until 100 are acknowledged.</summary>
    private static async Task<ReservationLoad> StartLoadAsync(EmbeddedGatewayProcess gateway, string key)
    {
        await gateway.StartAsync();
        var regions = Enumerable.Range(0, 4).Select(i => $"{key}-{i}").ToList();
        await Task.WhenAll(regions.Select(r => gateway.Http.CreateAcceptingRegionAsync(r, FailoverScenarios.Resource, 1_000_000)));
        var load = new ReservationLoad(gateway.Http, regions, FailoverScenarios.Resource, key, workers: 4, maxDuration: TimeSpan.FromSeconds(120));
        await load.WhenAsync(l => l.Acknowledged >= 100, TimeSpan.FromSeconds(30), "100 acknowledged reservations before the fault", gateway.Diagnostics);
        return load;
    }

    /// <summary>
    /// Breaks the disk with <paramref name="fault"/> under the load and checks, while it cannot take writes, that
    /// reservations are refused with 503 problem+json, <c>/health/ready</c> says 503, reads of the regions still answer
    /// 200, and the process stays up.
    /// </summary>
    /// <returns>When the fault was injected: from just before the call that injected it until just after it returned.</returns>
    private async Task<FaultWindow> BreakUnderLoadAsync(EmbeddedGatewayProcess gateway, ReservationLoad load, string what, Action fault)
    {
        var faultAt = load.Now;
        fault();
        var injected = new FaultWindow(faultAt, load.Now);
        output.WriteLine($"{what} at {FailoverScenarios.Seconds(faultAt)} of the load (the call took {(injected.Ended - faultAt).TotalMilliseconds:F0} ms)");
        await load.WhenAsync(
            l => l.EndedSince(faultAt).Count(a => a.Started > faultAt && a.IsUnavailableProblem) >= 20,
            FaultSeenBound,
            "20 reservations refused with 503 problem+json after the fault",
            gateway.Diagnostics);
        var acknowledgedDuring = load.EndedSince(faultAt).Count(a => a.Started > faultAt && a.Acknowledged);
        output.WriteLine($"after the fault: {acknowledgedDuring} acknowledged (written before the disk refused), first 20 refusals by {FailoverScenarios.Seconds(load.Now - faultAt)}");

        await Eventually.Until(gateway.ReadinessAsync, s => s == 503, FaultSeenBound, "/health/ready to answer 503 while the disk cannot be written", gateway.Diagnostics);
        output.WriteLine($"/health/ready answered 503 by {FailoverScenarios.Seconds(load.Now - faultAt)} after the fault");
        foreach (var region in load.Attempts.Select(a => a.RegionId).Distinct())
        {
            using var read = await gateway.Http.GetAsync(new Uri($"/api/regions/{region}", UriKind.Relative));
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"Reading {region} while the disk cannot be written answered {(int)read.StatusCode}: {await read.Content.ReadAsStringAsync()}\n{gateway.Diagnostics()}");
        }

        // The fault lasts past two of the membership's heartbeats (5 s apart), which the silo cannot write either.
        await load.WhenAsync(l => l.Now - faultAt >= FaultHeld, FaultHeld + FaultSeenBound, $"{FailoverScenarios.Seconds(FaultHeld)} of load on the faulty disk", gateway.Diagnostics);
        var refused = load.EndedSince(faultAt).Where(a => a.Started > faultAt + TimeSpan.FromSeconds(1)).ToList();
        output.WriteLine($"{FailoverScenarios.Seconds(FaultHeld)} into the fault: {refused.Count(a => a.IsUnavailableProblem)} refused with 503, {refused.Count(a => a.Acknowledged)} acknowledged since its first second");
        Assert.True(gateway.Process.HasExited is false, $"The gateway exited during the fault.\n{gateway.Diagnostics()}");
        Assert.True(await gateway.ReadinessAsync() == 503, $"/health/ready answered 200 again while the disk still took no writes.\n{gateway.Diagnostics()}");
        return injected;
    }

    /// <summary>What each region of the load holds, as read through the gateway.</summary>
    private static async Task<Dictionary<string, long>> ReservedAsync(EmbeddedGatewayProcess gateway, ReservationLoad load)
    {
        var reserved = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var region in load.Attempts.Select(a => a.RegionId).Distinct())
        {
            reserved[region] = (await gateway.Http.GetRegionAsync(region)).Capacity[FailoverScenarios.Resource].Reserved;
        }

        return reserved;
    }

    /// <summary>
    /// The process kept exactly what it acknowledged: each region holds, in its memory, as many reservations as were
    /// answered 2xx for it (the test's own count), none of those whose append failed. Read before the restart.
    /// </summary>
    private static async Task<Dictionary<string, long>> AssertMemoryHoldsWhatWasAcknowledgedAsync(EmbeddedGatewayProcess gateway, ReservationLoad load)
    {
        var acknowledged = load.Attempts.GroupBy(a => a.RegionId)
            .ToDictionary(g => g.Key, g => (long)g.Where(a => a.Acknowledged).Select(a => a.ReservationId).Distinct().Count(), StringComparer.Ordinal);
        var inMemory = await ReservedAsync(gateway, load);
        Assert.Equal(acknowledged, inMemory);
        return inMemory;
    }

    /// <summary>
    /// After the restart, from the file alone: replaying every attempted id finds every acknowledged one held, and each
    /// id held once. With <paramref name="refusedMayBeInTheFile"/> false, a region holds exactly what the process held
    /// in memory before; with it true (an I/O error, whose write may have reached the disk although SQLite reported it
    /// failed) it may hold more, and only reservations that were answered 503: the outcome a 503 leaves open. An
    /// acknowledged reservation may be missing only when <paramref name="mayBeVoided"/> says so of it.
    /// </summary>
    /// <returns>How many reservations the file holds beyond those acknowledged, and how many acknowledged ones it lacks.</returns>
    private static async Task<(long RefusedButWritten, int Voided)> AssertTheFileHoldsWhatWasAcknowledgedAsync(
        EmbeddedGatewayProcess gateway, ReservationLoad load, Dictionary<string, long> inMemory, bool refusedMayBeInTheFile, Func<ReservationLoad.Attempt, bool> mayBeVoided)
    {
        var inFile = await ReservedAsync(gateway, load);
        var voidable = load.Attempts.Where(a => a.Acknowledged && mayBeVoided(a)).GroupBy(a => a.RegionId).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        if (refusedMayBeInTheFile)
        {
            Assert.All(inMemory, pair =>
            {
                var atLeast = pair.Value - voidable.GetValueOrDefault(pair.Key);
                Assert.True(inFile[pair.Key] >= atLeast, $"{pair.Key}: {inFile[pair.Key]} held after the restart, {pair.Value} acknowledged before it ({pair.Value - atLeast} of them while the fault was injected).");
            });
        }
        else
        {
            Assert.Equal(inMemory, inFile);
        }

        // The load's answers are all 2xx or 503 (StopAndAssertAnswersAsync), so an id held beyond the acknowledged ones
        // is one answered 503; the replay fails on an acknowledged id that is not held, unless it may have been voided.
        var voided = await FailoverScenarios.ReplayEveryAttemptAsync(gateway.Http, load.Attempts, gateway, mayBeVoided);
        var acknowledgedHeld = inMemory.Sum(pair => pair.Value) - voided.Count;
        return (inFile.Sum(pair => pair.Value) - acknowledgedHeld, voided.Count);
    }

    /// <summary>Stops the load; every answer it got was a 2xx or a 503 problem+json (never a 500, never no answer at all).</summary>
    private static async Task StopAndAssertAnswersAsync(ReservationLoad load, EmbeddedGatewayProcess gateway)
    {
        await load.StopAsync();
        var unexpected = load.Attempts.Where(a => !a.Acknowledged && !a.IsUnavailableProblem)
            .GroupBy(a => $"{a.Status} {a.ContentType} {a.ProblemType}").Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(unexpected.Count == 0, $"Every answer must be a 2xx or a 503 problem+json; got {string.Join(", ", unexpected)}\n{gateway.Diagnostics()}");
    }

    /// <summary>
    /// When a fault was injected under the load: <see cref="Began"/> just before the call that injected it, and
    /// <see cref="Ended"/> just after it returned.
    /// </summary>
    private sealed record FaultWindow(TimeSpan Began, TimeSpan Ended)
    {
        /// <summary>
        /// The attempt was in flight while the fault was being injected: it started before the call returned and was
        /// answered after it began.
        /// </summary>
        public bool Overlapped(ReservationLoad.Attempt attempt) => attempt.Started < Ended && attempt.Ended > Began;
    }
}
