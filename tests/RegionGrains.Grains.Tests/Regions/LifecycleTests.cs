using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

[Collection(ClusterCollection.Name)]
public sealed class LifecycleTests(ClusterFixture fixture)
{
    private static readonly (RegionStatus From, RegionStatus To)[] Allowed =
    [
        (RegionStatus.Planned, RegionStatus.UnderConstruction), (RegionStatus.Planned, RegionStatus.Decommissioned),
        (RegionStatus.UnderConstruction, RegionStatus.Launching), (RegionStatus.UnderConstruction, RegionStatus.Decommissioned),
        (RegionStatus.Launching, RegionStatus.Online), (RegionStatus.Launching, RegionStatus.UnderConstruction),
        (RegionStatus.Online, RegionStatus.Degraded), (RegionStatus.Online, RegionStatus.Maintenance), (RegionStatus.Online, RegionStatus.Offline),
        (RegionStatus.Degraded, RegionStatus.Online), (RegionStatus.Degraded, RegionStatus.Maintenance), (RegionStatus.Degraded, RegionStatus.Offline),
        (RegionStatus.Maintenance, RegionStatus.Online), (RegionStatus.Maintenance, RegionStatus.Degraded), (RegionStatus.Maintenance, RegionStatus.Offline),
        (RegionStatus.Offline, RegionStatus.Online), (RegionStatus.Offline, RegionStatus.Maintenance), (RegionStatus.Offline, RegionStatus.Decommissioned),
    ];

    public static TheoryData<RegionStatus, RegionStatus> AllowedTransitions() => ToTheory(Allowed);

    public static TheoryData<RegionStatus, RegionStatus> RefusedTransitions() => ToTheory(
        from f in Enum.GetValues<RegionStatus>()
        from t in Enum.GetValues<RegionStatus>()
        where !Allowed.Contains((f, t))
        select (f, t));

    private static TheoryData<RegionStatus, RegionStatus> ToTheory(IEnumerable<(RegionStatus From, RegionStatus To)> pairs)
    {
        var data = new TheoryData<RegionStatus, RegionStatus>();
        foreach (var (from, to) in pairs)
        {
            data.Add(from, to);
        }

        return data;
    }

    [Fact]
    public void TheLifecycleTableIsExactlyTheDesignContract()
    {
        foreach (var from in Enum.GetValues<RegionStatus>())
        {
            var expected = Allowed.Where(t => t.From == from).Select(t => t.To).Order();
            Assert.Equal(expected, RegionLifecycle.AllowedTargets(from).Order());
        }
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public async Task AnAllowedTransitionMovesTheRegionAndRecordsTheReason(RegionStatus from, RegionStatus to)
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, from);

        var result = await region.ChangeStatusAsync(to, $"going {to}");

        Assert.Equal(RegionOutcome.Ok, result.Outcome);
        Assert.Equal(to, result.Region!.Status);
        Assert.Equal(to, (await region.GetAsync())!.Status);
        var latest = (await region.GetHistoryAsync(1))!.Events.Single();
        Assert.Equal(RegionEventKind.StatusChanged, latest.Kind);
        Assert.Equal($"going {to}", latest.Reason);
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public async Task ARefusedTransitionChangesNothingAndListsTheAllowedTargets(RegionStatus from, RegionStatus to)
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, from);
        var before = await region.GetAsync();

        var result = await region.ChangeStatusAsync(to, "should be refused");

        Assert.Equal(RegionOutcome.InvalidTransition, result.Outcome);
        Assert.Equal(RegionLifecycle.AllowedTargets(from), result.AllowedTargets);
        Assert.Equal(before, await region.GetAsync());
    }

    [Fact]
    public async Task ANewRegionStartsPlanned()
    {
        var region = fixture.Grains.GetGrain<IRegionGrain>(Infrastructure.Regions.NewId());

        var result = await region.DefineAsync(Infrastructure.Regions.Definition());

        Assert.Equal(RegionOutcome.Created, result.Outcome);
        Assert.Equal(RegionStatus.Planned, result.Region!.Status);
        Assert.Equal(1, result.Region.Version);
    }

    [Fact]
    public async Task DecommissioningIsRefusedWhileReservationsAreHeld()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["racks"] = 10 });
        Assert.True((await region.ReserveAsync(new ReservationRequest("hold-1", "racks", 2))).Succeeded);
        Assert.Equal(RegionOutcome.Ok, (await region.ChangeStatusAsync(RegionStatus.Offline, "draining")).Outcome);

        var refused = await region.ChangeStatusAsync(RegionStatus.Decommissioned, "retire");

        Assert.Equal(RegionOutcome.ReservationsHeld, refused.Outcome);
        Assert.Equal(RegionStatus.Offline, (await region.GetAsync())!.Status);

        Assert.Equal(RegionOutcome.Ok, (await region.ReleaseAsync("hold-1")).Outcome);
        Assert.Equal(RegionOutcome.Ok, (await region.ChangeStatusAsync(RegionStatus.Decommissioned, "retire")).Outcome);
    }

    [Fact]
    public async Task AStatusChangeWithoutAReasonIsInvalid()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Planned);

        var result = await region.ChangeStatusAsync(RegionStatus.UnderConstruction, " ");

        Assert.Equal(RegionOutcome.Invalid, result.Outcome);
        Assert.Equal(RegionStatus.Planned, (await region.GetAsync())!.Status);
    }

    [Fact]
    public async Task ChangingTheStatusOfAnUnknownRegionIsNotFound()
    {
        var result = await fixture.Grains.GetGrain<IRegionGrain>(Infrastructure.Regions.NewId()).ChangeStatusAsync(RegionStatus.Online, "x");

        Assert.Equal(RegionOutcome.NotFound, result.Outcome);
        Assert.Null(result.Region);
    }
}
