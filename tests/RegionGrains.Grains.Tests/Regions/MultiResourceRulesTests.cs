using RegionGrains.Abstractions.Regions;
using static RegionGrains.Grains.Tests.Regions.PolicyRuleStates;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Reservations of several resources as pure rules: all held or none, a refusal naming every resource short, replays
/// that match whatever order the resources come in, and releases that free each.
/// </summary>
public sealed class MultiResourceRulesTests
{
    [Fact]
    public void AReservationOfSeveralResourcesHoldsEveryOneOfThem()
    {
        var decision = Rules.Reserve(At(gpus: 10, racks: 4), Several("both", ("gpus", 8), ("racks", 2)), Context);

        Assert.Equal(RegionOutcome.Created, decision.Outcome);
        var next = decision.Next!;
        Assert.Equal(8, next.Capacity["gpus"].Reserved);
        Assert.Equal(2, next.Capacity["racks"].Reserved);
        Assert.Equal(
            new Dictionary<string, long> { ["gpus"] = 8, ["racks"] = 2 }.OrderBy(p => p.Key, StringComparer.Ordinal),
            decision.Reservation!.Holds.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(decision.Reservation, next.Reservations["both"]);
    }

    [Fact]
    public void WhenOneResourceIsShortNothingIsHeld()
    {
        var state = Then(Rules.Reserve(At(gpus: 10, racks: 4), Several("first", ("gpus", 8), ("racks", 2)), Context));

        var decision = Rules.Reserve(state, Several("second", ("gpus", 2), ("racks", 3)), Context);

        Assert.Equal(RegionOutcome.InsufficientCapacity, decision.Outcome);
        Assert.Null(decision.Next);
        Assert.Null(decision.Changes);
        Assert.Equal<Shortfall>([new Shortfall("racks", 3, 2)], decision.Shortfalls);
        Assert.False(state.Reservations.ContainsKey("second"));
    }

    [Fact]
    public void TheRefusalNamesEveryResourceThatIsShortIncludingAMissingPool()
    {
        var state = Then(Rules.Reserve(At(gpus: 10, racks: 4), Several("first", ("gpus", 8), ("racks", 2)), Context));

        var decision = Rules.Reserve(state, Several("greedy", ("racks", 3), ("cpus", 1), ("gpus", 3), ("power", 1)), Context);

        Assert.Equal(RegionOutcome.InsufficientCapacity, decision.Outcome);
        Assert.Null(decision.Next);
        Assert.Equal(
            [new Shortfall("cpus", 1, 0), new Shortfall("gpus", 3, 2), new Shortfall("power", 1, 0), new Shortfall("racks", 3, 2)],
            decision.Shortfalls.OrderBy(s => s.Resource, StringComparer.Ordinal));
        Assert.Contains("no 'cpus' pool", decision.Detail, StringComparison.Ordinal);
        Assert.Contains("racks has 2 available; 3 requested", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAmountBreakingOnePoolsUnitRuleRefusesTheWholeReservation()
    {
        var state = Then(Rules.SetCapacity(At(gpus: 64, racks: 4), "gpus", 64, Context, policy: new PoolPolicy(StepSize: 8)));

        var decision = Rules.Reserve(state, Several("odd", ("gpus", 12), ("racks", 1)), Context);
        var whole = Rules.Reserve(state, Several("even", ("gpus", 16), ("racks", 1)), Context);

        Assert.Equal(RegionOutcome.UnitRule, decision.Outcome);
        Assert.Null(decision.Next);
        Assert.Contains("stepSize", decision.Detail, StringComparison.Ordinal);
        Assert.Equal(RegionOutcome.Created, whole.Outcome);
        Assert.Equal(16, whole.Next!.Capacity["gpus"].Reserved);
    }

    [Fact]
    public void AReplayMatchesWhateverOrderTheResourcesAreGivenIn()
    {
        var first = Rules.Reserve(At(gpus: 10, racks: 4), Several("order", ("gpus", 8), ("racks", 2)), Context);
        var held = Then(first);

        var insertedTheOtherWay = Rules.Reserve(held, Several("order", ("racks", 2), ("gpus", 8)), Context);
        var reversedComparer = new ReservationRequest(
            "order",
            "racks",
            2,
            Resources: ImmutableSortedDictionary.CreateRange(
                Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a)),
                [KeyValuePair.Create("racks", 2L), KeyValuePair.Create("gpus", 8L)]));
        var replayed = Rules.Reserve(held, reversedComparer, Context);
        var otherAmounts = Rules.Reserve(held, Several("order", ("racks", 2), ("gpus", 7)), Context);
        var fewerResources = Rules.Reserve(held, Several("order", ("gpus", 8)), Context);

        Assert.Equal(RegionOutcome.Replayed, insertedTheOtherWay.Outcome);
        Assert.Equal(first.Reservation, insertedTheOtherWay.Reservation);
        Assert.Null(insertedTheOtherWay.Next);
        Assert.Equal(RegionOutcome.Replayed, replayed.Outcome);
        Assert.Equal(first.Reservation, replayed.Reservation);
        Assert.Equal(RegionOutcome.ReservationIdReused, otherAmounts.Outcome);
        Assert.Equal(RegionOutcome.ReservationIdReused, fewerResources.Outcome);
    }

    [Fact]
    public void ReleasingAReservationOfSeveralResourcesFreesEachOfThem()
    {
        var held = Then(Rules.Reserve(At(gpus: 10, racks: 4), Several("both", ("gpus", 8), ("racks", 2)), Context));

        var released = Then(Rules.Release(held, "both", Context));

        Assert.Equal(0, released.Capacity["gpus"].Reserved);
        Assert.Equal(0, released.Capacity["racks"].Reserved);
        Assert.Equal(RegionOutcome.ReservationIdReused, Rules.Reserve(released, Several("both", ("gpus", 8), ("racks", 2)), Context).Outcome);
    }
}
