using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Placement;

/// <summary>
/// Placing an order anywhere through the cluster: one placement per reservation id however many callers race, and a
/// candidate the footprint still shows with room that refuses (the footprint's bounded staleness). Each test uses a
/// resource name of its own, so that only its regions can be candidates and the footprint's sums of that resource
/// are its regions' alone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacedReservationTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ConcurrentPlacementsOfOneOrderHoldItOnceAndAnswerTheSameRegion()
    {
        var resource = NewResource();
        var regions = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { [resource] = 10 })));
        await UntilFootprintAsync(resource, t => t.Total == 20, "both regions in the footprint");
        var request = Order($"race-{Guid.NewGuid():N}", resource, 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Placement(request.ReservationId).PlaceAsync(request)));

        Assert.Equal(1, results.Count(r => r.Outcome == RegionOutcome.Created));
        Assert.Equal(19, results.Count(r => r.Outcome == RegionOutcome.Replayed));
        var where = Assert.Single(results.Select(r => r.RegionId).Distinct());
        Assert.Equal(3, await ReservedAsync(regions, resource));
        Assert.NotNull(await fixture.Grains.GetGrain<IRegionGrain>(where!).GetReservationAsync(request.ReservationId));
    }

    [Fact]
    public async Task ConcurrentPlacementsOfOneIdWithDifferentOrdersHoldOnlyOne()
    {
        var resource = NewResource();
        var regions = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { [resource] = 10 })));
        await UntilFootprintAsync(resource, t => t.Total == 20, "both regions in the footprint");
        var id = $"contested-{Guid.NewGuid():N}";

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(amount => Placement(id).PlaceAsync(Order(id, resource, amount))));

        var winner = Assert.Single(results, r => r.Outcome == RegionOutcome.Created);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(RegionOutcome.ReservationIdReused, r.Outcome));
        Assert.Equal(winner.Reservation!.Amount, await ReservedAsync(regions, resource));
    }

    [Fact]
    public async Task ACandidateThatRefusesIsNamedInTriedAndTheSameOrderLaterHoldsThereOnceItHasRoom()
    {
        var resource = NewResource();
        var (region, filler) = await StaleFullRegionAsync(resource);
        var request = Order($"stale-{Guid.NewGuid():N}", resource, 4);

        var refused = await Placement(request.ReservationId).PlaceAsync(request);

        Assert.Equal(RegionOutcome.NoCandidate, refused.Outcome);
        var attempt = Assert.Single(refused.Tried);
        Assert.Equal(region.GetPrimaryKeyString(), attempt.RegionId);
        Assert.StartsWith(nameof(RegionOutcome.InsufficientCapacity), attempt.Reason, StringComparison.Ordinal);
        Assert.Null(await region.GetReservationAsync(request.ReservationId));

        await FreeAsync(region, filler, resource);
        var retried = await Placement(request.ReservationId).PlaceAsync(request);

        Assert.Equal(RegionOutcome.Created, retried.Outcome);
        Assert.Equal(region.GetPrimaryKeyString(), retried.RegionId);
        Assert.Equal(4, (await region.GetAsync())!.Capacity[resource].Reserved);
    }

    [Fact]
    public async Task ADryRunOfARetryAnswersWhatTheRetryThenDoes()
    {
        var resource = NewResource();
        var (region, filler) = await StaleFullRegionAsync(resource);
        var request = Order($"rehearsed-{Guid.NewGuid():N}", resource, 4);
        Assert.Equal(RegionOutcome.NoCandidate, (await Placement(request.ReservationId).PlaceAsync(request)).Outcome);
        await FreeAsync(region, filler, resource);

        var rehearsed = await Placement(request.ReservationId).PlaceAsync(request, dryRun: true);
        var reservedAfterRehearsal = (await region.GetAsync())!.Capacity[resource].Reserved;
        var retried = await Placement(request.ReservationId).PlaceAsync(request);

        Assert.Equal(0, reservedAfterRehearsal);
        Assert.Equal(RegionOutcome.Created, retried.Outcome);
        Assert.True(
            rehearsed.Outcome == retried.Outcome && rehearsed.RegionId == retried.RegionId,
            $"The dry run answered {rehearsed.Outcome} in {rehearsed.RegionId ?? "no region"} (tried: {string.Join("; ", rehearsed.Tried.Select(t => t.RegionId))}); " +
            $"the retry it rehearsed answered {retried.Outcome} in {retried.RegionId}.");
    }

    /// <summary>
    /// A region whose pool is full while its footprint partition still shows it empty: the partition is handed a copy
    /// from ahead of the region (as a copy that lags shows room already taken), which the region's next changes
    /// replace. Returns the region and the id of the reservation that fills it.
    /// </summary>
    private async Task<(IRegionGrain Region, string Filler)> StaleFullRegionAsync(string resource)
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { [resource] = 10 });
        Assert.Equal(RegionOutcome.Created, (await region.ReserveAsync(new ReservationRequest("filler", resource, 10))).Outcome);
        await UntilFootprintAsync(resource, t => t.Reserved == 10, "the full region in the footprint");

        var full = (await region.GetAsync())!;
        var stale = full with
        {
            Version = full.Version + 1,
            Capacity = full.Capacity.SetItem(resource, full.Capacity[resource] with { Reserved = 0 }),
            Reservations = 0,
        };
        var partition = FootprintPartitioning.PartitionOf(full.Id, new FootprintOptions().Partitions);
        await fixture.Grains.GetGrain<IFootprintPartitionGrain>(partition).PublishAsync([new RegionPush(stale, ClusterFixture.Clock.GetUtcNow())]);
        await UntilFootprintAsync(resource, t => t.Reserved == 0, "the stale copy in the footprint");
        return (region, "filler");
    }

    /// <summary>Releases the filler and makes one more change, whose version passes the stale copy's, so the footprint is true again.</summary>
    private async Task FreeAsync(IRegionGrain region, string filler, string resource)
    {
        Assert.Equal(RegionOutcome.Ok, (await region.ReleaseAsync(filler)).Outcome);
        Assert.Equal(RegionOutcome.Ok, (await region.SetCapacityAsync(resource, 11)).Outcome);
        await UntilFootprintAsync(resource, t => t.Total == 11 && t.Reserved == 0, "the region's true figures in the footprint");
    }

    private IPlacedReservationGrain Placement(string reservationId) => fixture.Grains.GetGrain<IPlacedReservationGrain>(reservationId);

    private static PlacementRequest Order(string id, string resource, long amount) =>
        new(id, new PlacementQuery(ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal).Add(resource, amount)));

    private static string NewResource() => $"p{Guid.NewGuid():N}"[..9];

    private static async Task<long> ReservedAsync(IEnumerable<IRegionGrain> regions, string resource)
    {
        var snapshots = await Task.WhenAll(regions.Select(r => r.GetAsync().AsTask()));
        return snapshots.Sum(s => s!.Capacity[resource].Reserved);
    }

    private Task<GlobalFootprint> UntilFootprintAsync(string resource, Func<ResourceTotals, bool> done, string awaited) =>
        new FootprintWaiter(fixture.Cluster.Client).UntilAsync(f => f.Resources.TryGetValue(resource, out var totals) && done(totals), Settle, awaited);
}
