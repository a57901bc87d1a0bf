using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Placement;

/// <summary>
/// Asks every footprint partition for its best candidates and merges them in the policy's order: each partition's
/// answer already holds its best <see cref="PlacementQuery.Limit"/>, so the merged best are among them.
/// Reentrant: it keeps no state and a query only awaits the partitions, so one activation serves many queries at once
/// instead of one per core.
/// </summary>
[StatelessWorker, Reentrant]
internal sealed class PlacementGrain(IOptions<FootprintOptions> options) : Grain, IPlacementGrain
{
    public async Task<PlacementAnswer> FindAsync(PlacementQuery query)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, options.Value.Partitions)
            .Select(p => GrainFactory.GetGrain<IFootprintPartitionGrain>(p).FindCandidatesAsync(query)));
        return new PlacementAnswer(PlacementRules.Best(answers.SelectMany(a => a.Candidates), query), answers.Min(a => a.AsOf));
    }
}
