using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Changes;
using static RegionGrains.Grains.Tests.Regions.PolicyRuleStates;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Capacity over time as pure rules: a reservation is accepted only if it fits at every instant of [start, end), a
/// pool's total cannot go below what any future instant holds, scheduled reservations start and end on the clock,
/// and changes grow only into free capacity. Instants are UTC; an interval ends exclusively.
/// </summary>
public sealed class TimelineRulesTests
{
    private static readonly DateTimeOffset Now = Context.Now;

    private static DateTimeOffset Day(double days) => Now.AddDays(days);

    private static ReservationRequest Gpus(string id, long amount, double? fromDay = null, double? toDay = null) =>
        new(id, "gpus", amount, StartsAt: fromDay is { } f ? Day(f) : null, EndsAt: toDay is { } t ? Day(t) : null);

    /// <summary>10 GPUs with 8 booked from day 1 to day 3.</summary>
    private static RegionState BookedAhead() => Then(Rules.Reserve(At(gpus: 10), Gpus("ahead", 8, 1, 3), Context));

    public static TheoryData<string, double?, double?, long, bool, double?, long> Intervals() => new()
    {
        // name, from day, to day, amount, fits, first day it does not fit, least available over the interval
        { "overlapping the end", 2, 4, 3, false, 2, 2 },
        { "overlapping the start", 0.5, 1.5, 3, false, 1, 2 },
        { "inside", 1.5, 2.5, 2, true, null, 2 },
        { "starting exactly at its end", 3, 5, 10, true, null, 10 },
        { "ending exactly at its start", null, 1, 10, true, null, 10 },
        { "from now without end", null, null, 3, false, 1, 2 },
        { "from now without end, small enough", null, null, 2, true, null, 2 },
        { "covering it", 0.5, 4, 2, true, null, 2 },
        { "after it without end", 3, null, 10, true, null, 10 },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void AReservationIsAcceptedOnlyIfItFitsAtEveryInstantOfItsInterval(string name, double? fromDay, double? toDay, long amount, bool fits, double? shortFromDay, long available)
    {
        var decision = Rules.Reserve(BookedAhead(), Gpus("new", amount, fromDay, toDay), Context);

        Assert.True(fits == (decision.Outcome == RegionOutcome.Created), $"{name}: {decision.Outcome} {decision.Detail}");
        if (!fits)
        {
            var shortfall = Assert.Single(decision.Shortfalls);
            Assert.Equal(available, shortfall.Available);
            Assert.Equal(shortFromDay is { } d ? Day(d) : null, shortfall.At);
        }
    }

    [Fact]
    public void AScheduledReservationHoldsNothingUntilItStartsAndEverythingUntilItEnds()
    {
        var state = BookedAhead();
        Assert.Equal(0, state.Capacity["gpus"].Reserved);
        Assert.Equal(ReservationState.Scheduled, state.Scheduled["ahead"].State);
        Assert.Equal(Day(1), RegionRules.NextExpiry(state));
        Assert.Null(Rules.Expire(state, Context));

        var started = Then(Rules.Expire(state, Context with { Now = Day(1) })!.Value);
        Assert.Equal(8, started.Capacity["gpus"].Reserved);
        Assert.Equal(ReservationState.Active, started.Reservations["ahead"].State);
        Assert.Empty(started.Scheduled);
        Assert.Equal(Day(3), RegionRules.NextExpiry(started));

        var ended = Then(Rules.Expire(started, Context with { Now = Day(3) })!.Value);
        Assert.Equal(0, ended.Capacity["gpus"].Reserved);
        Assert.Equal(ReservationState.Expired, ended.Ended["ahead"].State);
        Assert.Equal(Day(3), ended.Ended["ahead"].EndedAt);
        Assert.Null(RegionRules.NextExpiry(ended));
    }

    [Fact]
    public void AnIdleRegionCatchesUpInTheOrderThingsFellDue()
    {
        var state = Then(Rules.Reserve(BookedAhead(), Gpus("later", 10, 3, 4), Context));

        var decision = Rules.Expire(state, Context with { Now = Day(10) })!.Value;

        Assert.Equal(
            [(RegionEventKind.Started, "ahead"), (RegionEventKind.Expired, "ahead"), (RegionEventKind.Started, "later"), (RegionEventKind.Expired, "later")],
            decision.Changes!.Select(c => (c.Kind, c switch { ReservationStarted s => s.ReservationId, ReservationEnded e => e.Reservation.ReservationId, _ => "?" })));
        Assert.Equal(0, decision.Next!.Capacity["gpus"].Reserved);
    }

    [Fact]
    public void ReleasingAScheduledReservationCancelsItAndItsIdCannotBeUsedAgain()
    {
        var cancelled = Then(Rules.Release(BookedAhead(), "ahead", Context));

        Assert.Equal(RegionEventKind.Cancelled, Rules.Release(BookedAhead(), "ahead", Context).Changes!.Single().Kind);
        Assert.Empty(cancelled.Scheduled);
        Assert.Equal(ReservationState.Cancelled, cancelled.Ended["ahead"].State);
        Assert.Equal(0, cancelled.Capacity["gpus"].Reserved);
        Assert.Equal(RegionOutcome.ReservationIdReused, Rules.Reserve(cancelled, Gpus("ahead", 8, 1, 3), Context).Outcome);
        Assert.Equal(RegionOutcome.Created, Rules.Reserve(cancelled, Gpus("now", 10, null, 5), Context).Outcome);
    }

    [Theory]
    [InlineData(7, false, 1.0)]
    [InlineData(8, true, null)]
    [InlineData(20, true, null)]
    public void APoolTotalCannotGoBelowWhatAFutureInstantHolds(long total, bool allowed, double? overFromDay)
    {
        var decision = Rules.SetCapacity(BookedAhead(), "gpus", total, Context);

        Assert.Equal(allowed ? RegionOutcome.Ok : RegionOutcome.BelowReserved, decision.Outcome);
        Assert.Equal(overFromDay is { } d ? Day(d) : null, decision.At);
        if (!allowed)
        {
            Assert.Contains("booked ahead", decision.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void APolicyThatLeavesTooLittleUsableLaterIsRefusedToo()
    {
        var decision = Rules.SetCapacity(BookedAhead(), "gpus", 10, Context, policy: new PoolPolicy(HeldBack: 3));

        Assert.Equal(RegionOutcome.BelowReserved, decision.Outcome);
        Assert.Equal(Day(1), decision.At);
    }

    [Fact]
    public void TheSameInstantWrittenWithAnotherOffsetIsTheSameReservation()
    {
        var state = BookedAhead();
        var sameInstants = Gpus("ahead", 8, 1, 3) with { StartsAt = Day(1).ToOffset(TimeSpan.FromHours(2)), EndsAt = Day(3).ToOffset(TimeSpan.FromHours(-5)) };

        Assert.Equal(RegionOutcome.Replayed, Rules.Reserve(state, sameInstants, Context).Outcome);
        Assert.Equal(RegionOutcome.ReservationIdReused, Rules.Reserve(state, Gpus("ahead", 8, 1, 3.5), Context).Outcome);
        Assert.Equal(RegionOutcome.ReservationIdReused, Rules.Reserve(state, Gpus("ahead", 8, 1), Context).Outcome);
    }

    [Theory]
    [InlineData("endsAt and ttlSeconds", 1.0, 2.0, 60)]
    [InlineData("end before start", 2.0, 1.0, null)]
    [InlineData("end at start", 2.0, 2.0, null)]
    [InlineData("end in the past", null, -1.0, null)]
    [InlineData("start beyond ten years", 3700.0, null, null)]
    public void IntervalsThatCannotBeAreRefusedAsInvalid(string name, double? fromDay, double? toDay, int? ttl)
    {
        var decision = Rules.Reserve(At(gpus: 10), Gpus("bad", 1, fromDay, toDay) with { TtlSeconds = ttl }, Context);

        Assert.True(decision.Outcome == RegionOutcome.Invalid, $"{name}: {decision.Outcome}");
    }

    [Fact]
    public void ALifetimeCountsFromTheStart()
    {
        var decision = Rules.Reserve(At(gpus: 10), Gpus("ttl", 1, 1) with { TtlSeconds = 3600 }, Context);

        Assert.Equal(Day(1).AddHours(1), decision.Reservation!.ExpiresAt);
    }

    [Fact]
    public void GrowingIsCheckedOverTheWholeIntervalAndShrinkingAlwaysFits()
    {
        // 8 booked from day 1 to 3; 2 held now until day 2.
        var state = Then(Rules.Reserve(BookedAhead(), Gpus("now", 2, null, 2), Context));

        var grow = Rules.ChangeReservation(state, new ReservationPatch("now", null, false, null, Amount: 3), Context);
        Assert.Equal(RegionOutcome.InsufficientCapacity, grow.Outcome);
        Assert.Equal(Day(1), Assert.Single(grow.Shortfalls).At);

        var longer = Rules.ChangeReservation(state, new ReservationPatch("now", null, true, null), Context);
        Assert.Equal(RegionOutcome.Ok, longer.Outcome);

        var overlap = Rules.ChangeReservation(state, new ReservationPatch("ahead", null, true, Day(5)), Context);
        Assert.Equal(RegionOutcome.Ok, overlap.Outcome);

        var shrink = Rules.ChangeReservation(state, new ReservationPatch("ahead", null, false, null, Amount: 1), Context);
        Assert.Equal(RegionOutcome.Ok, shrink.Outcome);
        var shrunk = Then(shrink);
        Assert.Equal(1, shrunk.Scheduled["ahead"].Amount);
        Assert.Equal(9, Rules.ChangeReservation(shrunk, new ReservationPatch("now", null, false, null, Amount: 9), Context).Reservation?.Amount);

        var shorter = Then(Rules.ChangeReservation(state, new ReservationPatch("now", null, true, Day(0.5)), Context));
        Assert.Equal(Day(0.5), shorter.Reservations["now"].ExpiresAt);
        Assert.Equal(2, shorter.Capacity["gpus"].Reserved);
    }

    [Fact]
    public void ChangingAnActiveReservationMovesThePoolsReservedAmount()
    {
        var state = Then(Rules.Reserve(At(gpus: 10), Gpus("now", 2), Context));

        var grown = Then(Rules.ChangeReservation(state, new ReservationPatch("now", null, false, null, Amount: 9), Context));

        Assert.Equal(9, grown.Capacity["gpus"].Reserved);
        Assert.Equal(9, grown.Reservations["now"].Amount);
        Assert.Equal(RegionOutcome.InsufficientCapacity, Rules.ChangeReservation(grown, new ReservationPatch("now", null, false, null, Amount: 11), Context).Outcome);
    }

    [Fact]
    public void AChangeThatChangesNothingStoresNothing()
    {
        var state = BookedAhead();

        var decision = Rules.ChangeReservation(state, new ReservationPatch("ahead", null, true, Day(3), Amount: 8), Context);

        Assert.Equal(RegionOutcome.Ok, decision.Outcome);
        Assert.Null(decision.Changes);
        Assert.Equal(state.Scheduled["ahead"], decision.Reservation);
    }

    [Fact]
    public void AChangeCannotAddAResourceNorTouchAnEndedReservationOrAClaim()
    {
        var state = Then(Rules.Reserve(At(gpus: 10, racks: 4), Several("pair", ("gpus", 2), ("racks", 1)), Context));

        Assert.Equal(RegionOutcome.Invalid, Rules.ChangeReservation(state, new ReservationPatch("pair", null, false, null, Amount: 3), Context).Outcome);
        var adding = Rules.ChangeReservation(state, new ReservationPatch("pair", ReservationRequest.OneResource("cpus", 1), false, null), Context);
        Assert.Equal(RegionOutcome.Invalid, adding.Outcome);
        Assert.Contains("not add 'cpus'", adding.Detail, StringComparison.Ordinal);

        var released = Then(Rules.Release(state, "pair", Context));
        var ended = Rules.ChangeReservation(released, new ReservationPatch("pair", null, false, null, Amount: 1), Context);
        Assert.Equal(RegionOutcome.NotFound, ended.Outcome);
        Assert.Contains("has ended (Released)", ended.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheListShowsCurrentReservationsByDefaultAndEndedOnesWhenAsked()
    {
        var state = Then(Rules.Reserve(BookedAhead(), Gpus("now", 1), Context));
        state = Then(Rules.Reserve(state, Gpus("gone", 1), Context));
        state = Then(Rules.Release(state, "gone", Context));

        string[] Ids(params ReservationState[] states) =>
            [.. RegionRules.ListReservations(state, new ReservationQuery(null, 100, States: [.. states])).Reservations.Select(r => r.ReservationId)];

        Assert.Equal(["ahead", "now"], Ids());
        Assert.Equal(["ahead"], Ids(ReservationState.Scheduled));
        Assert.Equal(["gone"], Ids(ReservationState.Released, ReservationState.Expired, ReservationState.Cancelled));
    }

    [Fact]
    public void OnlyTheConfiguredNumberOfEndedReservationsIsKeptWhole()
    {
        var rules = new RegionRules(new RegionGrainOptions { EndedReservationMemory = 3 });
        var state = At(gpus: 10);
        for (var i = 0; i < 5; i++)
        {
            state = Then(rules.Reserve(state, Gpus($"r{i}", 1), Context with { Now = Now.AddMinutes(i) }));
            state = Then(rules.Release(state, $"r{i}", Context with { Now = Now.AddMinutes(i) }));
        }

        Assert.Equal(["r2", "r3", "r4"], state.Ended.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, state.FinishedReservationIdSet.Count);
    }

    /// <summary>
    /// Random bookings, releases, changes, capacity changes and clock steps on one pool: after every step the load at
    /// every instant where it can change (every start and end) stays within usable, the pool's reserved amount is
    /// exactly what the active reservations hold, and replaying the journaled changes rebuilds the same state.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperationsNeverOverbookAnyInstant(int seed)
    {
        var random = new Random(seed);
        var state = At(gpus: 20);
        var changes = new List<RegionChange>();
        var now = Now;
        var next = 0;
        for (var step = 0; step < 400; step++)
        {
            var context = Context with { Now = now };
            DateTimeOffset? Instant(int maxHours) => random.Next(3) == 0 ? null : now.AddHours(random.Next(0, maxHours));
            var decision = random.Next(6) switch
            {
                0 or 1 => Rules.Reserve(
                    state,
                    new ReservationRequest($"r{next++}", "gpus", random.Next(1, 9), StartsAt: Instant(48)) is var r && Instant(96) is { } end && end > (r.StartsAt ?? now)
                        ? r with { EndsAt = end }
                        : r,
                    context),
                2 => Pick(state, random) is { } id ? Rules.Release(state, id, context) : default,
                3 => Pick(state, random) is { } changed
                    ? Rules.ChangeReservation(state, new ReservationPatch(changed, null, random.Next(2) == 0, now.AddHours(random.Next(1, 120)), random.Next(1, 9)), context)
                    : default,
                4 => Rules.SetCapacity(state, "gpus", random.Next(10, 30), context),
                _ => Rules.Expire(state, context with { Now = now = now.AddHours(random.Next(1, 12)) }) ?? default,
            };
            if (decision.Next is { } after && decision.Changes is { } made)
            {
                state = after;
                changes.AddRange(made);
            }

            AssertNeverOverbooked(state, now);
        }

        var replayed = changes.Aggregate(At(gpus: 20), Rules.Apply);
        Assert.Equal(state.Version, replayed.Version);
        Assert.Equal(state.Capacity, replayed.Capacity);
        Assert.Equal(state.Reservations.OrderBy(p => p.Key), replayed.Reservations.OrderBy(p => p.Key));
        Assert.Equal(state.Scheduled.OrderBy(p => p.Key), replayed.Scheduled.OrderBy(p => p.Key));
        Assert.Equal(state.Ended.OrderBy(p => p.Key), replayed.Ended.OrderBy(p => p.Key));
    }

    private static string? Pick(RegionState state, Random random)
    {
        var ids = state.Reservations.Keys.Concat(state.Scheduled.Keys).Order(StringComparer.Ordinal).ToArray();
        return ids.Length == 0 ? null : ids[random.Next(ids.Length)];
    }

    private static void AssertNeverOverbooked(RegionState state, DateTimeOffset now)
    {
        var pool = state.Capacity["gpus"];
        Assert.Equal(state.Reservations.Values.Sum(r => r.Amount), pool.Reserved);
        var all = state.Reservations.Values.Select(r => (From: DateTimeOffset.MinValue, To: r.ExpiresAt ?? DateTimeOffset.MaxValue, r.Amount))
            .Concat(state.Scheduled.Values.Select(r => (From: r.HoldsFrom, To: r.ExpiresAt ?? DateTimeOffset.MaxValue, r.Amount)))
            .ToList();
        foreach (var instant in all.SelectMany(h => new[] { h.From, h.To }).Append(now).Where(t => t >= now && t != DateTimeOffset.MaxValue))
        {
            var load = all.Where(h => h.From <= instant && instant < h.To).Sum(h => h.Amount);
            Assert.True(load <= pool.Usable, $"{load} held at {instant:O} over {pool.Usable} usable");
        }
    }
}
