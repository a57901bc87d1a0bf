using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Changes;
using static RegionGrains.Grains.Tests.Regions.PolicyRuleStates;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// The waitlist as pure rules: a request that asked to wait is queued instead of refused, granted first fit in arrival
/// order by the change that frees capacity (in the same decision), never beyond capacity, and lapses when its wait is
/// over. The grain folds grants into every decision exactly as <see cref="Decide"/> does here.
/// </summary>
public sealed class WaitlistRulesTests
{
    private static readonly DateTimeOffset Now = Context.Now;

    private static ReservationRequest Waits(string id, long amount, int wait = 600) => new(id, "gpus", amount, WaitSeconds: wait);

    /// <summary>What the grain commits for a command: the decision followed by the grants it makes possible.</summary>
    private static RegionDecision Decide(RegionDecision decision, DateTimeOffset? at = null) => Rules.WithGrants(decision, at ?? Now);

    private static RegionState Full() => Then(Rules.Reserve(At(gpus: 10), new ReservationRequest("all", "gpus", 10), Context));

    [Fact]
    public void ARequestThatWaitsIsQueuedHoldingNothingAndAReplayFindsItWaiting()
    {
        var decision = Rules.Reserve(Full(), Waits("w", 4), Context);

        Assert.Equal(RegionOutcome.Queued, decision.Outcome);
        var queued = Then(decision);
        Assert.Equal(ReservationState.Waiting, queued.Waiting["w"].Reservation.State);
        Assert.Equal(Now.AddSeconds(600), queued.Waiting["w"].Reservation.WaitUntil);
        Assert.Equal(10, queued.Capacity["gpus"].Reserved);
        Assert.Equal(RegionOutcome.Queued, Rules.Reserve(queued, Waits("w", 4), Context).Outcome);
        Assert.Equal(RegionOutcome.ReservationIdReused, Rules.Reserve(queued, Waits("w", 5), Context).Outcome);
        Assert.Equal(RegionOutcome.InsufficientCapacity, Rules.Reserve(queued, new ReservationRequest("no-wait", "gpus", 1), Context).Outcome);
    }

    [Fact]
    public void ARequestForAPoolTheRegionLacksIsRefusedNotQueued()
    {
        Assert.Equal(RegionOutcome.InsufficientCapacity, Rules.Reserve(Full(), new ReservationRequest("w", "racks", 1, WaitSeconds: 60), Context).Outcome);
    }

    [Fact]
    public void AReleaseGrantsTheWaitersThatFitFirstFitInArrivalOrderInTheSameDecision()
    {
        var state = Full();
        foreach (var (id, amount) in new[] { ("big", 8L), ("small", 2L), ("medium", 3L), ("tiny", 1L) })
        {
            state = Then(Rules.Reserve(state, Waits(id, amount), Context));
        }

        var decision = Decide(Rules.Release(state, "all", Context));

        Assert.Equal(
            [RegionEventKind.Released, RegionEventKind.Granted, RegionEventKind.Granted],
            decision.Changes!.Select(c => c.Kind));
        var after = decision.Next!;
        Assert.Equal(["big", "small"], after.Reservations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(10, after.Capacity["gpus"].Reserved);
        Assert.Equal(["medium", "tiny"], after.WaitOrder.Values);
        Assert.Equal(RegionActor.System, decision.Changes![1].Actor);
    }

    [Fact]
    public void ARequestThatFitsOnArrivalIsAcceptedWhoeverWaits()
    {
        var state = Then(Rules.Reserve(Then(Rules.Reserve(At(gpus: 10), new ReservationRequest("most", "gpus", 8), Context)), Waits("big", 5), Context));

        Assert.Equal(RegionOutcome.Created, Rules.Reserve(state, new ReservationRequest("fits", "gpus", 2), Context).Outcome);
    }

    [Fact]
    public void AWaiterLapsesWhenItsWaitIsOverAndCanBeCancelledBefore()
    {
        var state = Then(Rules.Reserve(Full(), Waits("w", 4, wait: 60), Context));
        Assert.Equal(Now.AddSeconds(60), RegionRules.NextExpiry(state));

        var lapsed = Then(Rules.Expire(state, Context with { Now = Now.AddSeconds(60) })!.Value);
        var cancelled = Then(Rules.Release(state, "w", Context));

        Assert.Equal(ReservationState.Lapsed, lapsed.Ended["w"].State);
        Assert.Equal(Now.AddSeconds(60), lapsed.Ended["w"].EndedAt);
        Assert.Empty(lapsed.Waiting);
        Assert.Equal(ReservationState.Cancelled, cancelled.Ended["w"].State);
        Assert.Empty(cancelled.WaitOrder);
    }

    [Fact]
    public void ALifetimeCountsFromTheGrant()
    {
        var state = Then(Rules.Reserve(Full(), Waits("w", 4) with { TtlSeconds = 3600 }, Context));

        var after = Decide(Rules.Release(state, "all", Context with { Now = Now.AddMinutes(5) }), Now.AddMinutes(5)).Next!;

        Assert.Equal(Now.AddMinutes(5).AddHours(1), after.Reservations["w"].ExpiresAt);
        Assert.Null(after.Reservations["w"].WaitUntil);
    }

    [Fact]
    public void AHigherTotalGrantsAndALowerOneDoesNot()
    {
        var state = Then(Rules.Reserve(Full(), Waits("w", 4), Context));

        Assert.DoesNotContain("w", Decide(Rules.SetCapacity(state, "gpus", 12, Context)).Next!.Reservations.Keys);
        Assert.Contains("w", Decide(Rules.SetCapacity(state, "gpus", 14, Context)).Next!.Reservations.Keys);
    }

    /// <summary>
    /// 200 waiters of 1 to 5 on a full pool of 50, the holders released in random order: after every step reserved stays
    /// within usable, every grant went to the oldest waiter that fitted (no older waiter that fitted was passed over),
    /// and replaying the changes rebuilds the same queue.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void TwoHundredWaitersAreGrantedInArrivalOrderAndNeverBeyondCapacity(int seed)
    {
        var random = new Random(seed);
        var state = At(gpus: 50);
        var changes = new List<RegionChange>();
        void Take(RegionDecision decision)
        {
            state = Then(decision);
            changes.AddRange(decision.Changes!);
        }

        for (var i = 0; i < 10; i++)
        {
            Take(Rules.Reserve(state, new ReservationRequest($"holder-{i}", "gpus", 5), Context));
        }

        for (var i = 0; i < 200; i++)
        {
            Take(Rules.Reserve(state, Waits($"w-{i:000}", random.Next(1, 6), wait: 3600), Context));
        }

        var granted = 0;
        while (state.Reservations.Count > 0)
        {
            var held = state.Reservations.Keys.Order(StringComparer.Ordinal).ToArray();
            var before = state;
            var decision = Decide(Rules.Release(state, held[random.Next(held.Length)], Context));
            Take(decision);

            var grants = decision.Changes!.OfType<WaiterGranted>().Select(g => g.Reservation.ReservationId).ToList();
            granted += grants.Count;
            Assert.True(state.Capacity["gpus"].Reserved <= state.Capacity["gpus"].Usable);

            // First fit in arrival order: replay the visit on the state before and compare.
            var available = before.Capacity["gpus"].Available + decision.Changes!.OfType<ReservationEnded>().Sum(e => e.Reservation.Amount);
            var expected = new List<string>();
            foreach (var id in before.WaitOrder.Values)
            {
                var amount = before.Waiting[id].Reservation.Amount;
                if (amount <= available)
                {
                    expected.Add(id);
                    available -= amount;
                }
            }

            Assert.Equal(expected, grants);
        }

        Assert.Equal(200, granted);
        Assert.Empty(state.Waiting);
        var replayed = changes.Aggregate(At(gpus: 50), Rules.Apply);
        Assert.Equal(state.Version, replayed.Version);
        Assert.Equal(state.Capacity, replayed.Capacity);
        Assert.Equal(state.Reservations.Keys.Order(), replayed.Reservations.Keys.Order());
    }
}
