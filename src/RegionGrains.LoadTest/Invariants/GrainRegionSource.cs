using System.Collections.Concurrent;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Targets;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>Reads through Orleans: each region from its own grain, the footprint from the coordinator.</summary>
/// <param name="grains">The cluster.</param>
/// <param name="listLimit">Above this many regions in the run, the cluster's directory is not listed (one answer would hold them all).</param>
public sealed class GrainRegionSource(IGrainFactory grains, int listLimit = 200_000) : IRegionSource
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
        await Parallel.ForEachAsync(regions.Acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (ack, _) =>
        {
            var id = regions.ReservationIdOf(ack.Sequence);
            var held = await grains.GetGrain<IRegionGrain>(regions.Ids[ack.Key]).GetReservationAsync(id);
            if (held is null || held.Amount != ack.Amount || held.Resource != RegionSet.ReserveResource)
            {
                missing.Enqueue(id);
            }
        });

        return (missing.Count, missing.IsEmpty
            ? $"all {regions.Acknowledged.Count} acknowledged reservations found by id"
            : $"{missing.Count} of {regions.Acknowledged.Count} not held, e.g. {string.Join(", ", missing.Take(5))}");
    }
}
