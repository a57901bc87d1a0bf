using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Scheduled changes through the grain on the grains' clock: they fire once the clock passes their time, journaled with
/// actor system and the scheduler in the detail, survive reactivation, and an idle region with nothing due soon
/// deactivates (the wake-up timer does not keep it active).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ScheduledChangeTests(ClusterFixture fixture)
{
    private static readonly Dictionary<string, long> TenGpus = new() { ["gpus"] = 10 };

    [Fact]
    public async Task AScheduledChangeFiresWhenTheClockPassesItsTimeAndTheHistoryNamesSystemAndTheScheduler()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, TenGpus);
        var at = ClusterFixture.Clock.GetUtcNow().AddMinutes(30);
        RequestContext.Set(RegionActor.ContextKey, "alice");
        ScheduleResult scheduled;
        try
        {
            scheduled = await region.ScheduleAsync(new ScheduleRequest(
                "works", at, RegionStatus.Maintenance, "planned works", ImmutableSortedDictionary<string, long>.Empty.Add("gpus", 16)));
        }
        finally
        {
            RequestContext.Remove(RegionActor.ContextKey);
        }

        Assert.Equal(RegionOutcome.Created, scheduled.Outcome);
        Assert.Equal("alice", scheduled.Change!.ScheduledBy);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(RegionStatus.Online, (await region.GetAsync())!.Status);
        Assert.Equal(ScheduledChangeState.Pending, (await region.GetScheduledAsync("works")).Change!.State);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = (await region.GetAsync())!;
        Assert.Equal(RegionStatus.Maintenance, after.Status);
        Assert.Equal(16, after.Capacity["gpus"].Total);
        var events = (await region.GetHistoryAsync(3))!.Events;
        Assert.Equal([RegionEventKind.ScheduleFired, RegionEventKind.CapacitySet, RegionEventKind.StatusChanged], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(RegionActor.System, e.Actor));
        Assert.All(events, e => Assert.Contains("scheduled by alice", e.Detail));
        Assert.Equal("planned works", events[2].Reason);
        Assert.Equal(ScheduledChangeState.Fired, (await region.GetScheduleAsync())!.Value.Single().State);
    }

    [Fact]
    public async Task AChangeRefusedAtItsTimeIsListedAsFailedWithTheRefusal()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, TenGpus);
        var at = ClusterFixture.Clock.GetUtcNow().AddMinutes(5);
        await region.ScheduleAsync(new ScheduleRequest("shrink", at, Capacity: ImmutableSortedDictionary<string, long>.Empty.Add("gpus", 2)));
        Assert.Equal(RegionOutcome.Created, (await region.ReserveAsync(new ReservationRequest("held", "gpus", 6))).Outcome);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(6));

        var failed = (await region.GetScheduledAsync("shrink")).Change!;
        Assert.Equal(ScheduledChangeState.Failed, failed.State);
        Assert.Contains("gpus has 6 reserved", failed.Detail);
        Assert.Equal(10, (await region.GetAsync())!.Capacity["gpus"].Total);
        Assert.Equal(RegionEventKind.ScheduleFailed, (await region.GetHistoryAsync(1))!.Events.Single().Kind);
        Assert.Equal(RegionOutcome.AlreadyFired, (await region.CancelScheduledAsync("shrink")).Outcome);
    }

    [Fact]
    public async Task ACancelledChangeDoesNotFireAndADryRunStoresNothing()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, TenGpus);
        var at = ClusterFixture.Clock.GetUtcNow().AddMinutes(5);
        var request = new ScheduleRequest("off", at, RegionStatus.Offline, "retire");
        var version = (await region.GetAsync())!.Version;

        Assert.Equal(RegionOutcome.Created, (await region.ScheduleAsync(request, dryRun: true)).Outcome);
        Assert.Equal(version, (await region.GetAsync())!.Version);
        Assert.Equal(RegionOutcome.Created, (await region.ScheduleAsync(request)).Outcome);
        Assert.Equal(RegionOutcome.Replayed, (await region.ScheduleAsync(request)).Outcome);
        Assert.Equal(RegionOutcome.Ok, (await region.CancelScheduledAsync("off")).Outcome);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(RegionStatus.Online, (await region.GetAsync())!.Status);
        Assert.Equal(ScheduledChangeState.Cancelled, (await region.GetScheduledAsync("off")).Change!.State);
    }

    [Fact]
    public async Task AnIdleRegionWithOnlyAFarFutureExpiryDeactivates()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, TenGpus);
        Assert.Equal(RegionOutcome.Created, (await region.ReserveAsync(new ReservationRequest("far", "gpus", 1, TtlSeconds: 30 * 24 * 3600))).Outcome);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        Assert.Equal(1, await management.GetGrainActivationCount((GrainReference)region));

        // Collect what has been idle for more than a moment: a KeepAlive timer would keep the region active here.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var count = 1;
        while (count > 0 && DateTime.UtcNow < deadline)
        {
            await management.ForceActivationCollection(TimeSpan.FromMilliseconds(100));
            count = await management.GetGrainActivationCount((GrainReference)region);
        }

        Assert.True(count == 0, "The idle region was still active after 30 s of forced activation collection.");

        // Woken again by a call, it still holds the reservation and knows when it ends.
        Assert.NotNull(await region.GetReservationAsync("far"));
    }
}
