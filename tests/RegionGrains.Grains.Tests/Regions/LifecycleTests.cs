using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// The region grain's wiring of the lifecycle: a decision of the rules is journaled, served and refused as the
/// rules say. Every transition and refusal is tested against the rules alone in <see cref="RegionRulesTests"/>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LifecycleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnAllowedTransitionMovesTheRegionAndRecordsTheReasonInItsHistory()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online);

        var result = await region.ChangeStatusAsync(RegionStatus.Maintenance, "going Maintenance");

        Assert.Equal(RegionOutcome.Ok, result.Outcome);
        Assert.Equal(RegionStatus.Maintenance, result.Region!.Status);
        Assert.Equal(RegionStatus.Maintenance, (await region.GetAsync())!.Status);
        var latest = (await region.GetHistoryAsync(1))!.Events.Single();
        Assert.Equal(RegionEventKind.StatusChanged, latest.Kind);
        Assert.Equal("going Maintenance", latest.Reason);
    }

    [Fact]
    public async Task ARefusedTransitionChangesNothingAndListsTheAllowedTargets()
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Planned);
        var before = await region.GetAsync();

        var result = await region.ChangeStatusAsync(RegionStatus.Online, "should be refused");

        Assert.Equal(RegionOutcome.InvalidTransition, result.Outcome);
        Assert.Equal(new[] { RegionStatus.UnderConstruction, RegionStatus.Decommissioned }, result.AllowedTargets.ToArray());
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
    public async Task ChangingTheStatusOfAnUnknownRegionIsNotFound()
    {
        var result = await fixture.Grains.GetGrain<IRegionGrain>(Infrastructure.Regions.NewId()).ChangeStatusAsync(RegionStatus.Online, "x");

        Assert.Equal(RegionOutcome.NotFound, result.Outcome);
        Assert.Null(result.Region);
    }
}
