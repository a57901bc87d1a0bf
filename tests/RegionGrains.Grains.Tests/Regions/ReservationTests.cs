using Orleans.Core.Internal;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Reservations through the grain: concurrency on one activation, replies, expiry on the grain's clock, failed
/// writes and the journal. The rules' refusals are tested without a cluster in <see cref="RegionRulesTests"/>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReservationTests(ClusterFixture fixture)
{
    private static readonly Dictionary<string, long> HundredGpus = new() { ["gpus"] = 100 };

    [Fact]
    public async Task AThousandConcurrentReservationsOnAPoolOfAHundredGiveExactlyAHundredSuccesses()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);

        var results = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => region.ReserveAsync(new ReservationRequest($"r-{i}", "gpus", 1))));

        Assert.Equal(100, results.Count(r => r.Outcome == RegionOutcome.Created));
        Assert.Equal(900, results.Count(r => r.Outcome == RegionOutcome.InsufficientCapacity));
        var after = (await region.GetAsync())!;
        Assert.Equal(new CapacityPool(100, 100), after.Capacity["gpus"]);
        Assert.Equal(100, after.Reservations);
    }

    [Fact]
    public async Task ReplayingTheSameReservationReturnsTheOriginalAndHoldsNothingMore()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var request = new ReservationRequest("order-42", "gpus", 7, TtlSeconds: 600);

        var first = await region.ReserveAsync(request);
        var replay = await region.ReserveAsync(request);

        Assert.Equal(RegionOutcome.Created, first.Outcome);
        Assert.Equal(RegionOutcome.Replayed, replay.Outcome);
        Assert.Equal(first.Reservation, replay.Reservation);
        Assert.Equal(7, (await region.GetAsync())!.Capacity["gpus"].Reserved);
    }

    [Fact]
    public async Task AReservationExpiresWhenItsLifetimePassesOnTheGrainsClock()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var made = await region.ReserveAsync(new ReservationRequest("short", "gpus", 30, TtlSeconds: 60));
        var keep = await region.ReserveAsync(new ReservationRequest("long", "gpus", 10, TtlSeconds: 3_600));
        Assert.Equal(made.Reservation!.CreatedAt.AddSeconds(60), made.Reservation.ExpiresAt);

        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await region.GetReservationAsync("short"));

        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await region.GetReservationAsync("short"));
        Assert.NotNull(await region.GetReservationAsync("long"));
        var after = (await region.GetAsync())!;
        Assert.Equal(10, after.Capacity["gpus"].Reserved);
        Assert.Equal(1, after.Reservations);
        var expiry = (await region.GetHistoryAsync(1))!.Events.Single();
        Assert.Equal(RegionEventKind.Expired, expiry.Kind);
        Assert.Contains("short", expiry.Detail);
        Assert.True(keep.Succeeded);
    }

    [Fact]
    public async Task AReadIsAnsweredWhileAnotherCallersWriteWaitsForItsCommitAndShowsTheAcknowledgedState()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var key = region.GetPrimaryKeyString();
        var held = (Gate: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Waiting: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        FaultInjectingJournal.HeldAppends[key] = held;
        Task<ReservationResult> reserving;
        try
        {
            reserving = region.ReserveAsync(new ReservationRequest("in-flight", "gpus", 40));
            await held.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // The reservation is not durable yet: a read neither waits for it nor sees it.
            var during = await region.GetAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, during!.Capacity["gpus"].Reserved);
            Assert.False(reserving.IsCompleted);
        }
        finally
        {
            FaultInjectingJournal.HeldAppends.TryRemove(key, out _);
            held.Gate.TrySetResult();
        }

        Assert.Equal(RegionOutcome.Created, (await reserving).Outcome);
        Assert.Equal(40, (await region.GetAsync())!.Capacity["gpus"].Reserved);
    }

    [Fact]
    public async Task AReadThatFindsALifetimeUpJournalsTheExpiryBeforeAnswering()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        await region.ReserveAsync(new ReservationRequest("brief", "gpus", 25, TtlSeconds: 30));
        var before = (await region.GetAsync())!;

        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(31));
        var after = (await region.GetAsync())!;

        Assert.Equal(0, after.Capacity["gpus"].Reserved);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(RegionEventKind.Expired, (await region.GetHistoryAsync(1))!.Events.Single().Kind);

        // The expiry was journaled by this activation, not by a second one behind another interface: the next
        // command appends on top of it instead of running into a version conflict.
        var next = await region.ReserveAsync(new ReservationRequest("after-expiry", "gpus", 5));
        Assert.Equal(RegionOutcome.Created, next.Outcome);
        Assert.Equal(after.Version + 1, next.Region!.Version);
    }

    [Fact]
    public async Task AFailedWriteIsNotAcknowledgedAndLeavesNoChangeBehind()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var key = region.GetPrimaryKeyString();
        FaultInjectingJournal.FailingAppends[key] = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => region.ReserveAsync(new ReservationRequest("lost", "gpus", 40)));
        }
        finally
        {
            FaultInjectingJournal.FailingAppends.TryRemove(key, out _);
        }

        var after = (await region.GetAsync())!;
        Assert.Equal(0, after.Capacity["gpus"].Reserved);
        Assert.Null(await region.GetReservationAsync("lost"));
        var retried = await region.ReserveAsync(new ReservationRequest("lost", "gpus", 40));
        Assert.Equal(RegionOutcome.Created, retried.Outcome);
    }

    [Fact]
    public async Task AnAppendRefusedForAVersionConflictReachesTheCallerAsSuchAndTheRegionReadsTheOtherWritersChange()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var key = region.GetPrimaryKeyString();
        var before = (await region.GetAsync())!;
        FaultInjectingJournal.OvertakenAppends[key] = true;
        try
        {
            // The refusal crosses from the silo to this client: it must arrive as the journal's own exception (which
            // the gateway retries and maps to 503), not as a serializer failure that nothing recognises.
            await Assert.ThrowsAsync<RegionGrains.Journal.JournalConflictException>(
                () => region.ReserveAsync(new ReservationRequest("contested", "gpus", 40)));
        }
        finally
        {
            FaultInjectingJournal.OvertakenAppends.TryRemove(key, out _);
        }

        // The refused activation deactivated before the refusal was answered, so this read goes to the next activation,
        // which replays the journal: it holds the other writer's change.
        var after = (await region.GetAsync())!;
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(40, after.Capacity["gpus"].Reserved);
        var replay = await region.ReserveAsync(new ReservationRequest("contested", "gpus", 40));
        Assert.Equal(RegionOutcome.Replayed, replay.Outcome);
        var next = await region.ReserveAsync(new ReservationRequest("after-conflict", "gpus", 5));
        Assert.Equal(before.Version + 2, next.Region!.Version);
    }

    [Fact]
    public async Task HistoryPagesWalkEveryChangeNewestFirstWithTheActor()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var created = (await region.GetAsync())!.Version;
        for (var i = 1; i <= 220; i++)
        {
            await region.SetCapacityAsync("racks", i);
        }

        var latest = (await region.GetHistoryAsync(3))!;
        Assert.Equal(["racks total 219 -> 220", "racks total 218 -> 219", "racks total 217 -> 218"], latest.Events.Select(e => e.Detail));
        Assert.Equal(latest.Events[^1].Version, latest.NextBefore);

        var versions = new List<long>();
        long? before = null;
        do
        {
            var page = (await region.GetHistoryAsync(50, before))!;
            Assert.InRange(page.Events.Length, 1, 50);
            versions.AddRange(page.Events.Select(e => e.Version));
            before = page.NextBefore;
        }
        while (before is not null);

        Assert.Equal(Enumerable.Range(1, (int)created + 220).Reverse().Select(v => (long)v), versions);
        var oldest = (await region.GetHistoryAsync(1, 2))!;
        Assert.Equal(RegionEventKind.Defined, oldest.Events.Single().Kind);
        Assert.Null(oldest.NextBefore);
        Assert.Equal(RegionActor.Anonymous, latest.Events[0].Actor);
    }

    [Fact]
    public async Task ARegionRebuiltFromItsSnapshotAndJournalTailIsTheOneThatWasAcknowledged()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var held = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var id = $"r-{i}";
            Assert.Equal(RegionOutcome.Created, (await region.ReserveAsync(new ReservationRequest(id, "gpus", 1, i % 4 == 0 ? 60 : null))).Outcome);
            held.Add(id);
            if (i % 3 == 0)
            {
                Assert.Equal(RegionOutcome.Ok, (await region.ReleaseAsync(id)).Outcome);
                held.Remove(id);
            }
        }

        Assert.Equal(RegionOutcome.Ok, (await region.SetCapacityAsync("racks", 12)).Outcome);
        Assert.Equal(RegionOutcome.Ok, (await region.ChangeStatusAsync(RegionStatus.Degraded, "rebuild test")).Outcome);
        var acknowledged = (await region.GetAsync())!;
        var history = (await region.GetHistoryAsync(1_000))!.Events;

        await region.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var rebuilt = (await region.GetAsync())!;

        Assert.Equal(acknowledged.Version, rebuilt.Version);
        Assert.Equal(acknowledged.Status, rebuilt.Status);
        Assert.Equal(held.Count, rebuilt.Reservations);
        Assert.Equal(held.Count, rebuilt.Capacity["gpus"].Reserved);
        Assert.Equal(12, rebuilt.Capacity["racks"].Total);
        var replayedHistory = (await region.GetHistoryAsync(1_000))!.Events;
        Assert.Equal(history.Select(e => e.ToString()), replayedHistory.Select(e => e.ToString()));
        Assert.Equal(RegionOutcome.Replayed, (await region.ReserveAsync(new ReservationRequest(held[^1], "gpus", 1, null))).Outcome);
        Assert.Equal(RegionOutcome.ReservationIdReused, (await region.ReserveAsync(new ReservationRequest("r-0", "gpus", 1, 60))).Outcome);
    }

    [Fact]
    public async Task AReservationMayLiveLongerThanAGrainTimerCanWaitAndStillExpires()
    {
        // Grain timers take due times up to about 49.7 days; the grain waits in steps instead of failing after the write.
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, HundredGpus);
        var longTtl = (int)TimeSpan.FromDays(400).TotalSeconds;

        var made = await region.ReserveAsync(new ReservationRequest("long-lived", "gpus", 5, longTtl));
        Assert.Equal(RegionOutcome.Created, made.Outcome);
        Assert.Equal(RegionOutcome.Created, (await region.ReserveAsync(new ReservationRequest("after-long-lived", "gpus", 1))).Outcome);

        var longest = (await region.ReserveAsync(new ReservationRequest("longest", "gpus", 1, int.MaxValue))).Outcome;
        Assert.Equal(RegionOutcome.Created, longest);

        ClusterFixture.Clock.Advance(TimeSpan.FromDays(401));
        Assert.Null(await region.GetReservationAsync("long-lived"));
        Assert.NotNull(await region.GetReservationAsync("longest"));
        Assert.Equal(2, (await region.GetAsync())!.Capacity["gpus"].Reserved);
    }
}
