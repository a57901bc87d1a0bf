using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Reservations of two resources racing on one region through the cluster. The oracle is the test's own record of
/// what was acknowledged: the region must hold exactly that, never more than its pools can give, and nothing refused.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MultiResourceConcurrencyTests(ClusterFixture fixture)
{
    private const long GpuTotal = 500;
    private const long RackTotal = 200;

    /// <summary>racks: 200 installed, overcommitted 1.5 times: floor(200 × 1.5) = 300 usable.</summary>
    private const long RackUsable = 300;

    [Theory]
    [InlineData(20261201)]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task AThousandConcurrentTwoResourceOrdersHoldExactlyWhatWasAcknowledgedAndNeverMoreThanUsable(int seed)
    {
        var region = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, new Dictionary<string, long> { ["gpus"] = GpuTotal });
        Assert.Equal(RegionOutcome.Ok, (await region.SetCapacityAsync("racks", RackTotal, policy: new PoolPolicy(Overcommit: 1.5m))).Outcome);
        var random = new Random(seed);
        var orders = Enumerable.Range(0, 1_000)
            .Select(i => ReservationRequest.ForResources($"mr-{i:D4}", new Dictionary<string, long> { ["gpus"] = random.Next(1, 9), ["racks"] = random.Next(1, 6) }))
            .ToArray();

        var results = await Task.WhenAll(orders.Select(o => region.ReserveAsync(o)));

        var acknowledged = orders.Zip(results).Where(p => p.Second.Outcome == RegionOutcome.Created).Select(p => p.First).ToList();
        var refused = orders.Zip(results).Where(p => p.Second.Outcome != RegionOutcome.Created).ToList();
        Assert.NotEmpty(acknowledged);
        Assert.NotEmpty(refused);
        Assert.All(refused, p => Assert.Equal(RegionOutcome.InsufficientCapacity, p.Second.Outcome));

        var after = (await region.GetAsync())!;
        var gpusHeld = acknowledged.Sum(o => o.Holds["gpus"]);
        var racksHeld = acknowledged.Sum(o => o.Holds["racks"]);
        Assert.Equal(gpusHeld, after.Capacity["gpus"].Reserved);
        Assert.Equal(racksHeld, after.Capacity["racks"].Reserved);
        Assert.True(gpusHeld <= GpuTotal, $"{gpusHeld} gpus held of {GpuTotal} usable");
        Assert.True(racksHeld <= RackUsable, $"{racksHeld} racks held of {RackUsable} usable");
        Assert.Equal(acknowledged.Count, after.Reservations);

        // Every refusal was right when it was decided: one of its resources did not fit what was left then, and what
        // was left only shrinks in this test, so it does not fit what is left at the end either.
        Assert.All(refused, p => Assert.True(
            p.First.Holds["gpus"] > GpuTotal - gpusHeld || p.First.Holds["racks"] > RackUsable - racksHeld,
            $"{p.First.ReservationId} was refused but fits what is left: {GpuTotal - gpusHeld} gpus, {RackUsable - racksHeld} racks"));

        var held = await region.ListReservationsAsync(new ReservationQuery(null, ReservationQuery.MaxLimit));
        Assert.False(held!.HasMore);
        Assert.Equal(acknowledged.Select(o => o.ReservationId).Order(StringComparer.Ordinal), held.Reservations.Select(r => r.ReservationId));
        foreach (var order in acknowledged)
        {
            var reservation = await region.GetReservationAsync(order.ReservationId);
            Assert.NotNull(reservation);
            Assert.Equal(order.Holds["gpus"], reservation.Holds["gpus"]);
            Assert.Equal(order.Holds["racks"], reservation.Holds["racks"]);
            Assert.Equal(2, reservation.Holds.Count);
        }

        foreach (var (order, _) in refused)
        {
            Assert.Null(await region.GetReservationAsync(order.ReservationId));
        }
    }
}
