using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.TestingHost;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Tests.Infrastructure;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Tests.Footprint;

/// <summary>
/// A partition that starts again (a restart, a deactivation) from the snapshots it stored: what it answers before it
/// has caught up, which regions it reads back, and the stream format before snapshots were stored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FootprintRestartTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private static readonly int Partitions = new FootprintOptions().Partitions;

    [Fact]
    public async Task APartitionStartedFromItsSnapshotsAnswersAtOnceAndReReadsOnlyTheRegionsChangedAfterItsLastWrite()
    {
        const int partitionIndex = 5;
        var partition = fixture.Grains.GetGrain<IFootprintPartitionGrain>(partitionIndex);

        // A creation is acknowledged once its partition stored its first snapshot, so every region is stored at
        // version 1. Then the changed ones move on, and their pushes are lost: their journals are past what the
        // partition stored, the unchanged ones are exactly at it.
        var unchanged = await DefineInPartitionAsync(partitionIndex, 3);
        var changed = await DefineInPartitionAsync(partitionIndex, 3);
        var changedIds = changed.Select(r => r.GetPrimaryKeyString()).ToHashSet(StringComparer.Ordinal);
        var ours = unchanged.Concat(changed).Select(r => r.GetPrimaryKeyString()).ToArray();
        using var lost = FootprintProbe.RefusePushes(s => changedIds.Contains(s.Id) && s.Version > 1);
        foreach (var region in changed)
        {
            Assert.Equal(RegionOutcome.Ok, (await region.ChangeStatusAsync(RegionStatus.UnderConstruction, "after the last write")).Outcome);
        }

        var before = await partition.GetAggregateAsync();
        var heads = (Gate: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Waiting: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        FaultInjectingJournal.HeldHeadReads = heads;
        using var calls = FootprintProbe.RecordCalls(ours);
        try
        {
            await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();

            // The new activation answers from its stored snapshots while its catch-up waits on the journal's heads.
            var served = await partition.GetAggregateAsync().WaitAsync(Settle);
            await heads.Waiting.Task.WaitAsync(Settle);
            var footprint = await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(
                f => f.Unconfirmed > 0, Settle, "the footprint to say that regions are not confirmed yet");

            Assert.Equal(before.Regions, served.Regions);
            Assert.Equal(before.ByStatus.OrderBy(p => p.Key), served.ByStatus.OrderBy(p => p.Key));
            Assert.True(served.Unconfirmed >= ours.Length, $"{served.Unconfirmed} unconfirmed, fewer than the {ours.Length} regions of the test.");
            Assert.True(footprint.Unconfirmed >= ours.Length);
            Assert.Empty(calls.Calls);
        }
        finally
        {
            FaultInjectingJournal.HeldHeadReads = null;
            heads.Gate.TrySetResult();
        }

        // Placement-side reads wait for the catch-up: its end.
        await partition.FindHoldingsAsync("nobody").WaitAsync(Settle);
        var caughtUp = await partition.GetAggregateAsync();
        var page = await partition.GetRegionPageAsync(new RegionPageQuery("fr", RegionPageQuery.MaxLimit));

        Assert.Equal(changedIds.Order(StringComparer.Ordinal), calls.Called.Order(StringComparer.Ordinal));
        Assert.All(calls.Calls, c => Assert.EndsWith(": " + nameof(IRegionGrain.GetAsync), c));
        Assert.Equal(0, caughtUp.Unconfirmed);
        Assert.Equal(before.ByStatus.GetValueOrDefault(RegionStatus.Planned) - 3, caughtUp.ByStatus.GetValueOrDefault(RegionStatus.Planned));
        Assert.Equal(before.ByStatus.GetValueOrDefault(RegionStatus.UnderConstruction) + 3, caughtUp.ByStatus.GetValueOrDefault(RegionStatus.UnderConstruction));
        var listed = page.Regions.Where(r => ours.Contains(r.Id)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        Assert.Equal(ours.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.All(listed.Values, r => Assert.Equal(changedIds.Contains(r.Id) ? 2L : 1L, r.Version));
        await new FootprintWaiter(fixture.Cluster.Client).UntilAsync(f => f.Unconfirmed == 0, Settle, "the footprint to be complete again");
    }

    [Fact]
    public async Task APartitionWhoseStreamListsIdsOnlyReReadsThoseRegionsAndThenStoresTheirSnapshots()
    {
        const int partitionIndex = 6;
        var partition = fixture.Grains.GetGrain<IFootprintPartitionGrain>(partitionIndex);
        var regions = await DefineInPartitionAsync(partitionIndex, 3);
        var ids = regions.Select(r => r.GetPrimaryKeyString()).ToArray();

        // Counted from here: an activation that a stray push starts before the stream below is written finds the
        // regions' snapshots and reads none of them, so every read of them comes from an activation that found ids only.
        using var calls = FootprintProbe.RecordCalls(ids);
        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // The stream as partitions wrote it before they stored snapshots: every member by id only, here as a snapshot on
        // top of what is there. An activation started before it can no longer append (its head is behind), and the
        // deactivation after it makes the next call find it.
        var services = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        var storage = services.GetRequiredKeyedService<IJournalStorage>(StorageNames.Footprint);
        var members = services.GetRequiredService<PartitionMemberJournal>();
        var idOnly = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(IdOnlyPartitionMembers).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var stream = PartitionMemberJournal.StreamOf(partitionIndex);
        var (_, stored) = await members.OpenAsync(partitionIndex);
        var head = await storage.ReadHeadAsync(stream);
        await storage.WriteSnapshotAsync(
            stream,
            new JournalSnapshot(head + 1, idOnly.SerializeToArray(new IdOnlyPartitionMembers { Regions = [.. stored.Keys] })),
            keepFromVersion: head + 2);
        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var page = await partition.GetRegionPageAsync(new RegionPageQuery("fr", RegionPageQuery.MaxLimit)).WaitAsync(Settle);
        await partition.FindHoldingsAsync("nobody").WaitAsync(Settle);

        Assert.Equal(ids.Order(StringComparer.Ordinal), page.Regions.Select(r => r.Id).Where(ids.Contains).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), calls.Called.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await partition.GetAggregateAsync()).Unconfirmed);

        // Read back, the snapshots are written with the next tick, and a later activation needs no region.
        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await partition.GetAggregateAsync().WaitAsync(Settle);
        var (_, rewritten) = await members.OpenAsync(partitionIndex);
        Assert.All(ids, id => Assert.Equal(1L, rewritten[id]?.Version));
    }

    /// <summary>Defines <paramref name="count"/> new regions whose ids hash to <paramref name="partition"/>.</summary>
    private async Task<IRegionGrain[]> DefineInPartitionAsync(int partition, int count)
    {
        var regions = new List<IRegionGrain>();
        while (regions.Count < count)
        {
            var id = Infrastructure.Regions.NewId("fr");
            if (FootprintPartitioning.PartitionOf(id, Partitions) != partition)
            {
                continue;
            }

            var region = fixture.Grains.GetGrain<IRegionGrain>(id);
            Assert.Equal(RegionOutcome.Created, (await region.DefineAsync(Infrastructure.Regions.Definition())).Outcome);
            regions.Add(region);
        }

        return [.. regions];
    }
}
