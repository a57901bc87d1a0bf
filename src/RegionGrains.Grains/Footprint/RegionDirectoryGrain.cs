using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// Merges the partitions' sorted pages into one. A region lives in exactly one partition, chosen by a hash of its
/// id, so any range of ids spreads evenly over them: each partition is first asked for its share of the page with
/// some slack, and only a partition whose answer runs out before the page is full is asked for more, after the last
/// id it gave. The page never holds more than a few times <see cref="RegionPageQuery.Limit"/> regions, whatever the
/// number of regions. Keyset paging (after an id, not an offset) means a region added during a walk can only appear
/// once or not at all, and no region that existed before the walk is skipped or repeated.
/// </summary>
/// <remarks>
/// Reentrant: it keeps no state between calls (each merge lives in its own call's locals) and only awaits the
/// partitions, so one activation serves many pages at once instead of one per core.
/// </remarks>
[StatelessWorker, Reentrant]
internal sealed class RegionDirectoryGrain(IOptions<FootprintOptions> options) : Grain, IRegionDirectoryGrain
{
    private const int Slack = 16;

    public async Task<RegionPage> ListAsync(RegionPageQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, RegionPageQuery.MaxLimit);
        var partitions = options.Value.Partitions;
        var chunk = Math.Min(limit, (limit / partitions * 3 / 2) + Slack);
        var cursors = await Task.WhenAll(Enumerable.Range(0, partitions).Select(async p =>
        {
            var grain = GrainFactory.GetGrain<IFootprintPartitionGrain>(p);
            return new Cursor(grain, await grain.GetRegionPageAsync(query with { Limit = chunk }));
        }));

        var heads = new PriorityQueue<Cursor, string>(StringComparer.Ordinal);
        foreach (var cursor in cursors.Where(c => c.HasBuffered))
        {
            heads.Enqueue(cursor, cursor.Head.Id);
        }

        var page = ImmutableArray.CreateBuilder<RegionSnapshot>(Math.Min(limit, 1_024));
        while (page.Count < limit && heads.TryDequeue(out var cursor, out _))
        {
            page.Add(cursor.Take());
            if (!cursor.HasBuffered && cursor.HasMore)
            {
                await cursor.FetchAsync(query with { After = page[^1].Id, Limit = chunk });
            }

            if (cursor.HasBuffered)
            {
                heads.Enqueue(cursor, cursor.Head.Id);
            }
        }

        return new RegionPage(page.ToImmutable(), cursors.Any(c => c.HasBuffered || c.HasMore));
    }

    public async Task<HoldingsAnswer> FindHoldingsAsync(string consumer)
    {
        var answers = await Task.WhenAll(Partitions().Select(p => p.FindHoldingsAsync(consumer)));
        return new HoldingsAnswer(
            [.. answers.SelectMany(a => a.Holdings).OrderBy(h => h.RegionId, StringComparer.Ordinal)],
            answers.Min(a => a.AsOf));
    }

    public async Task<UsageAnswer> SumUsageAsync(string project)
    {
        var answers = await Task.WhenAll(Partitions().Select(p => p.SumUsageAsync(project)));
        var sums = answers.SelectMany(a => a.Resources).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.Aggregate(0L, (sum, p) => checked(sum + p.Value)), StringComparer.Ordinal);
        return new UsageAnswer(project, sums, answers.Sum(a => a.Regions), answers.Min(a => a.AsOf));
    }

    private IEnumerable<IFootprintPartitionGrain> Partitions() =>
        Enumerable.Range(0, options.Value.Partitions).Select(p => GrainFactory.GetGrain<IFootprintPartitionGrain>(p));

    /// <summary>Where the merge stands in one partition's answers.</summary>
    private sealed class Cursor(IFootprintPartitionGrain partition, RegionPage first)
    {
        private RegionPage _page = first;
        private int _next;

        public bool HasBuffered => _next < _page.Regions.Length;

        public bool HasMore => _page.HasMore;

        public RegionSnapshot Head => _page.Regions[_next];

        public RegionSnapshot Take() => _page.Regions[_next++];

        public async Task FetchAsync(RegionPageQuery query)
        {
            _page = await partition.GetRegionPageAsync(query);
            _next = 0;
        }
    }
}
