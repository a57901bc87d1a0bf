using System.Collections.Concurrent;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>Reads through Orleans: each region from its own grain, the footprint from the coordinator.</summary>
/// <param name="grains">The cluster.</param>
/// <param name="listLimit">Above this many regions in the run, the cluster's directory is not listed (one answer would hold them all).</param>
public sealed class GrainRegionSource(IGrainFactory grains, int listLimit = 200_000) : IRegionSource, IHoldingsSource
{
    public async Task<IReadOnlyCollection<string>?> ListIdsAsync(CancellationToken cancellationToken) =>
        listLimit <= 0 ? null : [.. (await grains.GetGrain<IFootprintGrain>(IFootprintGrain.Key).ListRegionsAsync()).Select(r => r.Id)];

    public async Task<RegionView?> GetAsync(string id, CancellationToken cancellationToken) =>
        await grains.GetGrain<IRegionGrain>(id).GetAsync() is { } snapshot ? RegionView.From(snapshot) : null;

    public async Task<FootprintView> GetFootprintAsync(CancellationToken cancellationToken) =>
        FootprintView.From(await grains.GetGrain<IFootprintGrain>(IFootprintGrain.Key).GetAsync());

    /// <summary>Asks each region for each acknowledged reservation by id.</summary>
    public async Task<(long Missing, string Detail)> FindMissingAsync(RegionSet regions, IReadOnlyDictionary<string, RegionView> read, CancellationToken cancellationToken)
    {
        var missing = new ConcurrentQueue<string>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(regions.Acknowledged, options, async (ack, _) =>
        {
            var id = regions.ReservationIdOf(ack.Sequence);
            var held = await grains.GetGrain<IRegionGrain>(regions.Ids[ack.Key]).GetReservationAsync(id);
            if (held is null || held.Amount != ack.Amount || held.Resource != RegionSet.ReserveResource || held.Resources is not null)
            {
                missing.Enqueue(id);
            }
        });
        await Parallel.ForEachAsync(regions.AcknowledgedPairs, options, async (ack, _) =>
        {
            var id = regions.ReservationIdOf(ack.Sequence);
            var held = await grains.GetGrain<IRegionGrain>(regions.Ids[ack.Key]).GetReservationAsync(id);
            if (held is null || !AcknowledgedHolds.SamePair(held.Holds, ack) || held.Project != regions.Project)
            {
                missing.Enqueue(id);
            }
        });

        return AcknowledgedHolds.Describe(regions, missing);
    }

    public async Task<IReadOnlyList<ReservationView>?> ListReservationsAsync(string regionId, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRegionGrain>(regionId);
        var all = new List<ReservationView>();
        for (string? after = null; ;)
        {
            if (await grain.ListReservationsAsync(new ReservationQuery(after, ReservationQuery.MaxLimit)) is not { } page)
            {
                return null;
            }

            all.AddRange(page.Reservations.Select(r => new ReservationView(r.ReservationId, r.Holds, r.Consumer, r.Project)));
            if (!page.HasMore || page.Reservations.IsEmpty)
            {
                return all;
            }

            after = page.Reservations[^1].ReservationId;
        }
    }

    public async Task<ConsumerStateView> GetConsumerAsync(string consumer, CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<IConsumerGrain>(consumer).GetAsync();
        return new ConsumerStateView(view.Version, new Allocations(view.Allocations), view.Pending);
    }

    public async Task<IReadOnlyDictionary<string, long>> GetUsageAsync(string project, CancellationToken cancellationToken) =>
        (await grains.GetGrain<IRegionDirectoryGrain>(IRegionDirectoryGrain.Key).SumUsageAsync(project)).Resources;
}
