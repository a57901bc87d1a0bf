using Orleans.Core.Internal;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Footprint;

[Collection(ClusterCollection.Name)]
public sealed class FootprintTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private IFootprintGrain Coordinator => fixture.Grains.GetGrain<IFootprintGrain>(IFootprintGrain.Key);

    [Fact]
    public async Task AfterABurstOfRandomConcurrentUpdatesTheFootprintEqualsTheSumOfTheRegions()
    {
        var random = new Random(20261129);
        var regions = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["gpus"] = 50, ["racks"] = 20 })));
        var operations = Enumerable.Range(0, 1_500).Select(i =>
        {
            var region = regions[random.Next(regions.Length)];
            return random.Next(4) switch
            {
                0 => region.SetCapacityAsync("gpus", random.Next(40, 200)),
                1 => region.ChangeStatusAsync(random.Next(2) == 0 ? RegionStatus.Degraded : RegionStatus.Online, "burst"),
                2 => region.ReleaseAsync($"b-{random.Next(i + 1)}"),
                _ => (Task)region.ReserveAsync(new ReservationRequest($"b-{i}", random.Next(2) == 0 ? "gpus" : "racks", random.Next(1, 4))),
            };
        });
        await Task.WhenAll(operations);

        var expected = await SumOfRegionsAsync();
        var footprint = await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(
            f => Matches(f, expected),
            Settle,
            "the footprint to equal the sum of the regions");

        Assert.Equal(expected.Regions, footprint.Regions);
        Assert.True(footprint.Resources["gpus"].Reserved > 0);
    }

    [Fact]
    public async Task TheFootprintIsCorrectAgainAfterTheCoordinatorAndPartitionsLoseTheirActivations()
    {
        await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Launching, new Dictionary<string, long> { ["power_kw"] = 1_000 });
        var expected = await SumOfRegionsAsync();
        await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(f => Matches(f, expected), Settle, "the footprint to settle before the loss");

        for (var p = 0; p < new FootprintOptions().Partitions; p++)
        {
            await fixture.Grains.GetGrain<IFootprintPartitionGrain>(p).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        }

        await Coordinator.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var footprint = await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(f => Matches(f, expected), Settle, "the re-derived footprint to equal the sum of the regions");
        Assert.Equal(expected.Regions, footprint.Regions);
    }

    [Fact]
    public async Task ObserversHearAboutChangesWithTheRegionsThatChanged()
    {
        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IFootprintObserver>(observer);
        await Coordinator.SubscribeAsync(reference);
        try
        {
            var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["gpus"] = 5 });
            await region.ReserveAsync(new ReservationRequest("seen", "gpus", 5));

            var id = region.GetPrimaryKeyString();
            var change = await observer.WaitForAsync(c => c.Regions.Any(r => r.Id == id && r.Reservations == 1), Settle);
            Assert.Equal(5, change.Regions.Single(r => r.Id == id).Capacity["gpus"].Reserved);
        }
        finally
        {
            await Coordinator.UnsubscribeAsync(reference);
        }
    }

    [Fact]
    public async Task ObserversStillHearOfAChangeWhosePushTheCoordinatorRefused()
    {
        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IFootprintObserver>(observer);
        await Coordinator.SubscribeAsync(reference);
        try
        {
            var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["gpus"] = 5 });
            var id = region.GetPrimaryKeyString();
            using (CoordinatorFaults.RefuseFor(r => r.Id == id && r.Reservations == 1))
            {
                await region.ReserveAsync(new ReservationRequest("refused-push", "gpus", 3));
                var refused = CoordinatorFaults.RefusedPushCarried;
                var carried = await refused.WaitAsync(Settle).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
                Assert.True(carried, $"No push carrying {id} reached the refusing coordinator within {Settle.TotalSeconds}s.");
            }

            var change = await observer.WaitForAsync(c => c.Regions.Any(r => r.Id == id && r.Reservations == 1), Settle);
            Assert.Equal(3, change.Regions.Single(r => r.Id == id).Capacity["gpus"].Reserved);
        }
        finally
        {
            await Coordinator.UnsubscribeAsync(reference);
        }
    }

    [Fact]
    public async Task APartitionDeactivatesWhileItsPushWaitsForABusyCoordinator()
    {
        // A stopping silo deactivates its partitions, and messages to a deactivating activation wait until it is gone.
        // The coordinator, activating elsewhere, asks every partition for its sums. A partition whose push waited for
        // the coordinator inside a turn could not finish deactivating: each waited for the other until the call timed
        // out, and the silo sat out its whole 30 s shutdown timeout.
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["gpus"] = 5 });
        var partition = fixture.Grains.GetGrain<IFootprintPartitionGrain>(FootprintPartitioning.PartitionOf(region.GetPrimaryKeyString(), new FootprintOptions().Partitions));
        using (var hold = CoordinatorFaults.HoldPushes())
        {
            await region.ReserveAsync(new ReservationRequest("during-hold", "gpus", 2));
            await hold.Holding.Task.WaitAsync(Settle);

            await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            var aggregate = await partition.GetAggregateAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(aggregate.Regions >= 1);
        }

        // Released, the held push lands and the footprint catches up with the reservation.
        var expected = await SumOfRegionsAsync();
        await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(f => Matches(f, expected), Settle, "the footprint to take the held push");
    }

    [Fact]
    public async Task TheFootprintCountsSitesByKindAndSumsCapacityOverDataCentersOnly()
    {
        var serviceCenters = Enumerable.Range(0, 3).Select(_ => fixture.Grains.GetGrain<IRegionGrain>(Infrastructure.Regions.NewId("sc"))).ToArray();
        foreach (var serviceCenter in serviceCenters)
        {
            Assert.Equal(RegionOutcome.Created, (await serviceCenter.DefineAsync(Infrastructure.Regions.ServiceCenterDefinition())).Outcome);
            Assert.Equal(RegionOutcome.NotADataCenter, (await serviceCenter.SetCapacityAsync("gpus", 1_000)).Outcome);
        }

        var dataCenter = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["gpus"] = 40 });
        Assert.Equal(RegionOutcome.Created, (await dataCenter.ReserveAsync(new ReservationRequest("k-1", "gpus", 15))).Outcome);

        var expected = await SumOfRegionsAsync();
        var footprint = await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(f => Matches(f, expected), Settle, "the footprint to count the service centers");

        Assert.True(footprint.ByKind[SiteKind.ServiceCenter] >= serviceCenters.Length, $"{footprint.ByKind[SiteKind.ServiceCenter]} service centers counted");
        Assert.Equal(footprint.Regions, footprint.ByKind.Values.Sum());
        Assert.True(footprint.Resources["gpus"].Reserved >= 15);
    }

    /// <summary>
    /// The sum over every region the tests of this cluster created, read from the regions themselves. The ids
    /// come from the tests' own record (<see cref="Infrastructure.Regions.Issued"/>), not from the partitions
    /// under test, so a region the footprint lost would be missed by the footprint but not by this sum.
    /// </summary>
    private async Task<GlobalFootprint> SumOfRegionsAsync()
    {
        var ids = Infrastructure.Regions.Issued;
        var regions = (await Task.WhenAll(ids.Select(id => fixture.Grains.GetGrain<IRegionGrain>(id).GetAsync().AsTask()))).OfType<RegionSnapshot>().ToArray();
        return new GlobalFootprint(
            regions.Length,
            Enum.GetValues<RegionStatus>().ToDictionary(s => s, s => regions.Count(r => r.Status == s)).ToImmutableSortedDictionary(),
            Enum.GetValues<Geography>().ToDictionary(g => g, g => regions.Count(r => r.Definition.Geography == g)).ToImmutableSortedDictionary(),
            regions.Where(r => r.Definition.Kind == SiteKind.DataCenter).SelectMany(r => r.Capacity).GroupBy(p => p.Key)
                .ToImmutableSortedDictionary(g => g.Key, g => new ResourceTotals(g.Sum(p => p.Value.Total), g.Sum(p => p.Value.Reserved), g.Sum(p => p.Value.Usable))),
            DateTimeOffset.UtcNow)
        {
            ByKind = Enum.GetValues<SiteKind>().ToDictionary(k => k, k => regions.Count(r => r.Definition.Kind == k)).ToImmutableSortedDictionary(),
        };
    }

    private static bool Matches(GlobalFootprint actual, GlobalFootprint expected) =>
        actual.Regions == expected.Regions &&
        actual.ByStatus.SequenceEqual(expected.ByStatus) &&
        actual.ByGeography.SequenceEqual(expected.ByGeography) &&
        actual.ByKind.SequenceEqual(expected.ByKind) &&
        actual.Resources.SequenceEqual(expected.Resources);

    private sealed class RecordingObserver : IFootprintObserver
    {
        private readonly System.Threading.Channels.Channel<FootprintChange> _changes = System.Threading.Channels.Channel.CreateUnbounded<FootprintChange>();

        public Task OnFootprintChangedAsync(FootprintChange change)
        {
            _changes.Writer.TryWrite(change);
            return Task.CompletedTask;
        }

        public async Task<FootprintChange> WaitForAsync(Func<FootprintChange, bool> wanted, TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await foreach (var change in _changes.Reader.ReadAllAsync(cancel.Token))
                {
                    if (wanted(change))
                    {
                        return change;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            Assert.Fail($"No footprint notification carried the expected region change within {timeout.TotalSeconds}s.");
            return null!;
        }
    }
}
