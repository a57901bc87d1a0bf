using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Invariants;
using RegionGrains.LoadTest.Targets;

namespace RegionGrains.LoadTest.Tests.Invariants;

/// <summary>The checks of claims and usages against a cluster faked in memory: what each one catches, and what it lets pass.</summary>
public sealed class ClaimInvariantTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task ARunWithoutClaimsOrProjectHoldsReportsTheChecksNotApplicable()
    {
        var run = new RegionSet(10, consumers: 2);

        var results = await ClaimInvariants.CheckAsync(new FakeCluster(run), new FakeCluster(run), run, Settle, CancellationToken.None);

        Assert.All([results.ClaimsWhole, results.UsagesMatchHolds, results.AcknowledgedClaimsPresent], check => Assert.Null(check.Passed));
    }

    [Fact]
    public async Task ClaimsHeldAsAcknowledgedPass()
    {
        var run = new RegionSet(10, consumers: 2);
        var cluster = new FakeCluster(run);
        CommitAcknowledged(run, cluster, version: 1, (1, 2), (4, 3));

        var results = await ClaimInvariants.CheckAsync(cluster, cluster, run, Settle, CancellationToken.None);

        Assert.True(results.ClaimsWhole.Passed, results.ClaimsWhole.Detail);
        Assert.True(results.AcknowledgedClaimsPresent.Passed, results.AcknowledgedClaimsPresent.Detail);
        Assert.True(results.UsagesMatchHolds.Passed, results.UsagesMatchHolds.Detail);
        Assert.Contains("5 racks", results.UsagesMatchHolds.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClaimHeldInOneOfItsTwoRegionsIsCaught()
    {
        var run = new RegionSet(10, consumers: 2);
        var cluster = new FakeCluster(run);
        CommitAcknowledged(run, cluster, version: 1, (1, 2), (4, 3));
        cluster.Drop(run.Ids[4], TentativeChange.ClaimReservationId(run.Consumers.Names[0]));

        var results = await ClaimInvariants.CheckAsync(cluster, cluster, run, Settle, CancellationToken.None);

        Assert.False(results.ClaimsWhole.Passed);
        Assert.Contains($"{run.Consumers.Names[0]} holds {run.Ids[1]} {{racks 2}}", results.ClaimsWhole.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllocationsOfAnEarlierClaimThanTheLastAcknowledgedAreCaught()
    {
        var run = new RegionSet(10, consumers: 1);
        var cluster = new FakeCluster(run);
        var first = Claim(run, (1, 2));
        var second = Claim(run, (2, 1));
        Acknowledge(run, 0, version: 1, first);
        Acknowledge(run, 0, version: 2, second);
        cluster.Commit(run.Consumers.Names[0], version: 2, first);

        var results = await ClaimInvariants.CheckAsync(cluster, cluster, run, Settle, CancellationToken.None);

        Assert.True(results.ClaimsWhole.Passed, results.ClaimsWhole.Detail);
        Assert.False(results.AcknowledgedClaimsPresent.Passed);
        Assert.Contains("last acknowledged claim (version 2)", results.AcknowledgedClaimsPresent.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALaterClaimWhoseAnswerWasLostMayHaveTakenEffect()
    {
        var run = new RegionSet(10, consumers: 1);
        var cluster = new FakeCluster(run);
        var acknowledged = Claim(run, (1, 2));
        var lost = Claim(run, (3, 1));
        Acknowledge(run, 0, version: 1, acknowledged);
        run.Consumers[0].MarkUnsure(lost);
        cluster.Commit(run.Consumers.Names[0], version: 2, lost);

        var results = await ClaimInvariants.CheckAsync(cluster, cluster, run, Settle, CancellationToken.None);

        Assert.True(results.AcknowledgedClaimsPresent.Passed, results.AcknowledgedClaimsPresent.Detail);
        Assert.Contains("answer was lost", results.AcknowledgedClaimsPresent.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeStillPendingAfterTheSettleTimeoutFailsTheClaimsCheck()
    {
        var run = new RegionSet(10, consumers: 1);
        var cluster = new FakeCluster(run);
        CommitAcknowledged(run, cluster, version: 1, (5, 1));
        cluster.Pending(run.Ids[5]);

        var results = await ClaimInvariants.CheckAsync(cluster, cluster, run, Settle, CancellationToken.None);

        Assert.False(results.ClaimsWhole.Passed);
        Assert.Contains($"1 regions with changes pending ({run.Ids[5]})", results.ClaimsWhole.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUsageThatDiffersFromTheHoldsIsCaught()
    {
        var run = new RegionSet(10, consumers: 1);
        var cluster = new FakeCluster(run);
        CommitAcknowledged(run, cluster, version: 1, (1, 2));
        cluster.UsageOffset = 1;

        var results = await ClaimInvariants.CheckAsync(cluster, cluster, run, Settle, CancellationToken.None);

        Assert.False(results.UsagesMatchHolds.Passed);
        Assert.Contains("uses 3 racks; its 1 reservations and claims hold 2 racks", results.UsagesMatchHolds.Detail, StringComparison.Ordinal);
    }

    /// <summary>A claim of racks in the given regions, marking them as the load driver does.</summary>
    private static Allocations Claim(RegionSet run, params (int Key, long Racks)[] parts)
    {
        foreach (var (key, _) in parts)
        {
            run.MarkProjectHold(key);
        }

        return new Allocations(parts.ToImmutableSortedDictionary(
            p => run.Ids[p.Key],
            p => ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal).Add(RegionSet.ReserveResource, p.Racks),
            StringComparer.Ordinal));
    }

    /// <summary>A claim of the first consumer, acknowledged at <paramref name="version"/> and held as the service commits it.</summary>
    private static void CommitAcknowledged(RegionSet run, FakeCluster cluster, long version, params (int Key, long Racks)[] parts)
    {
        var claim = Claim(run, parts);
        Acknowledge(run, 0, version, claim);
        cluster.Commit(run.Consumers.Names[0], version, claim);
    }

    private static void Acknowledge(RegionSet run, int consumer, long version, Allocations allocations)
    {
        run.Consumers[consumer].Attempt();
        run.Consumers[consumer].Acknowledge(version, allocations);
    }

    /// <summary>Regions, their reservations and consumers in memory; the usage is summed from the reservations, plus an offset.</summary>
    private sealed class FakeCluster(RegionSet run) : IRegionSource, IHoldingsSource
    {
        private readonly Dictionary<string, List<ReservationView>> _reservations = run.Ids.ToDictionary(id => id, _ => new List<ReservationView>(), StringComparer.Ordinal);
        private readonly Dictionary<string, ConsumerStateView> _consumers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

        public long UsageOffset { get; set; }

        /// <summary>The consumer's claims as committed: its allocations, and a claim reservation in each region.</summary>
        public void Commit(string consumer, long version, Allocations allocations)
        {
            _consumers[consumer] = new ConsumerStateView(version, allocations, false);
            foreach (var (regionId, holds) in allocations.Map)
            {
                _reservations[regionId].Add(new ReservationView(TentativeChange.ClaimReservationId(consumer), holds, consumer, run.Project));
            }
        }

        public void Drop(string regionId, string reservationId) => _reservations[regionId].RemoveAll(r => r.Id == reservationId);

        public void Pending(string regionId) => _pending.Add(regionId);

        public Task<IReadOnlyCollection<string>?> ListIdsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyCollection<string>?>(null);

        public Task<RegionView?> GetAsync(string id, CancellationToken cancellationToken) =>
            Task.FromResult<RegionView?>(new RegionView(id, RegionStatus.Online, Geography.Europe, new Dictionary<string, PoolView>(), _reservations[id].Count, _pending.Contains(id) ? 1 : 0));

        public Task<FootprintView> GetFootprintAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<(long Missing, string Detail)> FindMissingAsync(RegionSet regions, IReadOnlyDictionary<string, RegionView> read, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<ReservationView>?> ListReservationsAsync(string regionId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ReservationView>?>([.. _reservations[regionId]]);

        public Task<ConsumerStateView> GetConsumerAsync(string consumer, CancellationToken cancellationToken) =>
            Task.FromResult(_consumers.GetValueOrDefault(consumer) ?? new ConsumerStateView(0, Allocations.Empty, false));

        public Task<IReadOnlyDictionary<string, long>> GetUsageAsync(string project, CancellationToken cancellationToken)
        {
            var sums = _reservations.Values.SelectMany(r => r).Where(r => r.Project == project).SelectMany(r => r.Holds)
                .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value) + UsageOffset);
            return Task.FromResult<IReadOnlyDictionary<string, long>>(sums);
        }
    }
}
