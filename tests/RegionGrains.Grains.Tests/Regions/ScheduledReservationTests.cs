using Orleans.Core.Internal;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Reservations booked ahead through the grain and its journal: they start and end on the grain's clock, the start
/// and a change are journaled (by the system and by the caller), and a region rebuilt from its journal has them as
/// they were.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ScheduledReservationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AScheduledReservationStartsAndEndsOnTheGrainsClockAndSurvivesARebuild()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["gpus"] = 10 });
        var now = ClusterFixture.Clock.GetUtcNow();
        var booked = await region.ReserveAsync(new ReservationRequest("ahead", "gpus", 4, StartsAt: now.AddHours(1), EndsAt: now.AddHours(3)));
        Assert.Equal(ReservationState.Scheduled, booked.Reservation!.State);
        Assert.Equal(RegionOutcome.Ok, (await region.ChangeReservationAsync(new ReservationPatch("ahead", null, false, null, Amount: 6))).Outcome);
        Assert.Null(await region.GetReservationAsync("ahead"));

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(1));
        var started = await region.FindReservationAsync("ahead");

        Assert.Equal(ReservationState.Active, started!.State);
        Assert.Equal(6, started.Amount);
        Assert.Equal(6, (await region.GetAsync())!.Capacity["gpus"].Reserved);
        var events = (await region.GetHistoryAsync(3))!.Events;
        Assert.Equal([RegionEventKind.Started, RegionEventKind.ReservationChanged, RegionEventKind.Reserved], events.Select(e => e.Kind));
        Assert.Equal(RegionActor.System, events[0].Actor);

        await region.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(started, await region.FindReservationAsync("ahead"));
        Assert.Equal(6, (await region.GetAsync())!.Capacity["gpus"].Reserved);

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(2));
        var ended = await region.FindReservationAsync("ahead");

        Assert.Equal(ReservationState.Expired, ended!.State);
        Assert.Equal(now.AddHours(3), ended.EndedAt);
        Assert.Equal(0, (await region.GetAsync())!.Capacity["gpus"].Reserved);
    }
}
