using Orleans.Core.Internal;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Footprint;

[Collection(ClusterCollection.Name)]
public sealed class RegionDirectoryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private IRegionDirectoryGrain Directory => fixture.Grains.GetGrain<IRegionDirectoryGrain>(IRegionDirectoryGrain.Key);

    [Fact]
    public async Task WalkingEveryPageWhileRegionsAreAddedReturnsEveryExistingRegionOnceInIdOrder()
    {
        var prefix = Infrastructure.Regions.NewId("dir")[..12];
        var existing = await CreateAsync(prefix, 0, 2_000);
        await WaitUntilListedAsync(existing);

        // 97 per page, so that pages end anywhere within the partitions' answers.
        var adding = CreateAsync(prefix, 2_000, 400);
        var walked = await WalkAsync(new RegionPageQuery(null, 97));
        var added = await adding;

        AssertStrictlyIncreasing(walked);
        var missing = existing.Except(walked).ToArray();
        Assert.True(missing.Length == 0, $"{missing.Length} regions that existed before the walk were skipped, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.All(walked.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)), id => Assert.True(existing.Contains(id) || added.Contains(id), $"{id} was never created"));
    }

    [Fact]
    public async Task APageHoldsOnlyMatchingRegionsAfterTheCursorAndSaysWhetherMoreFollow()
    {
        var prefix = Infrastructure.Regions.NewId("flt")[..12];
        var planned = await CreateAsync(prefix, 0, 40);
        var online = (await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Infrastructure.Regions.CreateAsync(fixture.Grains)))).Select(g => g.GetPrimaryKeyString()).ToHashSet();
        await WaitUntilListedAsync([.. planned, .. online]);

        var first = await Directory.ListAsync(new RegionPageQuery($"{prefix}-00009", 10, RegionStatus.Planned, Geography.Americas));
        var ids = first.Regions.Select(r => r.Id).ToArray();

        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"{prefix}-{i:D5}"), ids);
        Assert.All(first.Regions, r => Assert.Equal(RegionStatus.Planned, r.Status));
        Assert.True(first.HasMore);
        var last = await Directory.ListAsync(new RegionPageQuery("zzzzzzzz", 10));
        Assert.Empty(last.Regions);
        Assert.False(last.HasMore);
        var onlineOnly = await WalkAsync(new RegionPageQuery(null, 3, RegionStatus.Online));
        Assert.Subset(onlineOnly.ToHashSet(), online);
        Assert.DoesNotContain(onlineOnly, planned.Contains);
    }

    [Fact]
    public async Task ARegionWhosePartitionCouldNotStoreItIsStoredOnRetryAndListedAfterThePartitionRestarts()
    {
        var id = Infrastructure.Regions.NewId("mbr");
        var stream = PartitionMemberJournal.StreamOf(FootprintPartitioning.PartitionOf(id, new FootprintOptions().Partitions));
        FaultInjectingJournal.FailingAppends[stream] = true;
        try
        {
            Assert.Equal(RegionOutcome.Created, (await fixture.Grains.GetGrain<IRegionGrain>(id).DefineAsync(Infrastructure.Regions.Definition())).Outcome);
            await FaultInjectingJournal.RefusedAsync(stream).WaitAsync(Settle);
        }
        finally
        {
            FaultInjectingJournal.FailingAppends.TryRemove(stream, out _);
        }

        // The silo's outbox retries the refused push; the partition appends the region then.
        await WaitUntilListedAsync([id]);
        var partition = fixture.Grains.GetGrain<IFootprintPartitionGrain>(FootprintPartitioning.PartitionOf(id, new FootprintOptions().Partitions));
        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // A new activation knows the region only from its member stream: nothing pushes it again.
        var page = await Directory.ListAsync(new RegionPageQuery(id[..^1], 5));
        Assert.Contains(id, page.Regions.Select(r => r.Id));
    }

    private async Task<HashSet<string>> CreateAsync(string prefix, int from, int count)
    {
        var ids = Enumerable.Range(from, count).Select(i => Infrastructure.Regions.Issue($"{prefix}-{i:D5}")).ToArray();
        foreach (var batch in ids.Chunk(64))
        {
            var results = await Task.WhenAll(batch.Select(id => fixture.Grains.GetGrain<IRegionGrain>(id).DefineAsync(Infrastructure.Regions.Definition())));
            Assert.All(results, r => Assert.Equal(RegionOutcome.Created, r.Outcome));
        }

        return [.. ids];
    }

    private async Task<List<string>> WalkAsync(RegionPageQuery query)
    {
        var ids = new List<string>();
        var pages = 0;
        while (true)
        {
            var page = await Directory.ListAsync(query);
            Assert.InRange(page.Regions.Length, 0, query.Limit);
            ids.AddRange(page.Regions.Select(r => r.Id));
            if (!page.HasMore)
            {
                return ids;
            }

            Assert.NotEmpty(page.Regions);
            query = query with { After = page.Regions[^1].Id };
            Assert.True(++pages < 10_000, "The walk should end.");
        }
    }

    /// <summary>
    /// Regions reach the partitions shortly after their change (a refused push is retried by the silo's outbox); walks
    /// the list again on every footprint change and at least every second until all are listed.
    /// </summary>
    private async Task WaitUntilListedAsync(HashSet<string> ids)
    {
        await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(
            async _ => (await WalkAsync(new RegionPageQuery(null, RegionPageQuery.MaxLimit))).Count(ids.Contains) == ids.Count,
            Settle,
            $"all {ids.Count} regions to be listed");
    }

    private static void AssertStrictlyIncreasing(List<string> ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"Ids out of order or repeated at position {i}: {ids[i - 1]} then {ids[i]}");
        }
    }
}
