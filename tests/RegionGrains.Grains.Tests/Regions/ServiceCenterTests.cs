using Orleans.Core.Internal;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

[Collection(ClusterCollection.Name)]
public sealed class ServiceCenterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AServiceCenterRefusesCapacityAndReservationsAndJournalsNothingForThem()
    {
        var region = fixture.Grains.GetGrain<IRegionGrain>(Infrastructure.Regions.NewId("sc"));
        Assert.Equal(RegionOutcome.Created, (await region.DefineAsync(Infrastructure.Regions.ServiceCenterDefinition())).Outcome);
        foreach (var step in Infrastructure.Regions.PathTo(RegionStatus.Online))
        {
            Assert.Equal(RegionOutcome.Ok, (await region.ChangeStatusAsync(step, "opening")).Outcome);
        }

        var before = (await region.GetAsync())!;
        var capacity = await region.SetCapacityAsync("racks", 10);
        var reservation = await region.ReserveAsync(new ReservationRequest("sc-r-1", "racks", 1));

        Assert.Equal(RegionOutcome.NotADataCenter, capacity.Outcome);
        Assert.Equal(RegionOutcome.NotADataCenter, reservation.Outcome);
        Assert.Contains("not a data center", reservation.Detail, StringComparison.Ordinal);
        Assert.Equal(SiteKind.ServiceCenter, reservation.Region!.Definition.Kind);
        var after = (await region.GetAsync())!;
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.Capacity);
        Assert.Equal(before.Version, (await region.GetHistoryAsync(10))!.Events.Length);
    }

    [Fact]
    public async Task KindLanguagesAndHoursSurviveReplayAndSnapshots()
    {
        var id = Infrastructure.Regions.NewId("sc");
        var region = fixture.Grains.GetGrain<IRegionGrain>(id);
        var definition = Infrastructure.Regions.ServiceCenterDefinition();
        Assert.Equal(RegionOutcome.Created, (await region.DefineAsync(definition)).Outcome);

        // More changes than the fixture's snapshot interval (16), so the next activation reads a snapshot and a tail.
        for (var hour = 0; hour < 20; hour++)
        {
            definition = definition with { SupportHours = $"Mo-Fr {hour:00}:00-23:00 Asia/Jakarta", Languages = hour % 2 == 0 ? ["id", "en"] : ["id", "en", "ms"] };
            Assert.Equal(RegionOutcome.Ok, (await region.DefineAsync(definition)).Outcome);
        }

        await region.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var reloaded = (await fixture.Grains.GetGrain<IRegionGrain>(id).GetAsync())!;

        Assert.Equal(21, reloaded.Version);
        Assert.Equal(definition, reloaded.Definition);
        Assert.Equal(SiteKind.ServiceCenter, reloaded.Definition.Kind);
        Assert.Equal("id en ms", string.Join(" ", reloaded.Definition.LanguageList));
        Assert.Equal("Mo-Fr 19:00-23:00 Asia/Jakarta", reloaded.Definition.SupportHours);

        // The same definition again is no change, also after a reload (equality is by value over the languages).
        var again = await region.DefineAsync(definition with { Languages = ["id", "en", "ms"] });
        Assert.Equal(RegionOutcome.Ok, again.Outcome);
        Assert.Equal(21, again.Region!.Version);
    }

    [Fact]
    public async Task ARegionKeepsItsKindWhenRedefinedAsAnotherKind()
    {
        var dataCenter = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["racks"] = 5 });

        var result = await dataCenter.DefineAsync(Infrastructure.Regions.ServiceCenterDefinition());

        Assert.Equal(RegionOutcome.KindChangeRefused, result.Outcome);
        Assert.Equal(SiteKind.DataCenter, (await dataCenter.GetAsync())!.Definition.Kind);
        Assert.Equal(5, (await dataCenter.GetAsync())!.Capacity["racks"].Total);
    }
}
