using RegionGrains.Abstractions.Regions;
using static RegionGrains.Grains.Tests.Regions.PolicyRuleStates;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Pool policies as pure rules: usable capacity, unit rules, the policy's field rules, and capacity changes and
/// reservations under a policy. Every expected figure is worked out by hand here.
/// </summary>
public sealed class PoolPolicyTests
{
    private static readonly string[] UnitRules = ["minUnit", "maxUnit", "stepSize"];

    /// <summary>(total, heldBack, overcommit) and usable = floor((total − heldBack) × overcommit), worked out by hand.</summary>
    public static TheoryData<long, long, decimal, long> UsableTable() => new()
    {
        { 100, 0, 1.0m, 100 },
        { 100, 10, 1.0m, 90 },
        { 100, 10, 1.5m, 135 },
        { 10, 0, 1.25m, 12 },               // 12.5 rounds down
        { 7, 2, 1.1m, 5 },                  // 5.5 rounds down
        { 5, 0, 1.99m, 9 },                 // 9.95 rounds down
        { 999, 1, 1.001m, 998 },            // 998.998 rounds down
        { 3, 3, 4m, 0 },                    // everything held back
        { 10, 12, 2m, 0 },                  // more held back than installed: nothing, never negative
        { 0, 0, 1m, 0 },
        { 1, 0, 16m, 16 },
        { 1_000_000_000_000, 0, 16m, 16_000_000_000_000 },
        { 1_000_000_000_000, 999_999_999_999, 1.5m, 1 },
    };

    [Theory]
    [MemberData(nameof(UsableTable))]
    public void UsableIsTheTotalLessWhatIsHeldBackTimesTheOvercommitRoundedDown(long total, long heldBack, decimal overcommit, long usable)
    {
        var policy = new PoolPolicy(HeldBack: heldBack, Overcommit: overcommit);

        Assert.Equal(usable, policy.Usable(total));
        Assert.Equal(usable, new CapacityPool(total, 0, policy).Usable);
        Assert.Equal(usable - 1, new CapacityPool(total, 1, policy).Available);
    }

    /// <summary>minUnit 4, maxUnit 16, stepSize 4: the rule each amount breaks, or null when it keeps them all.</summary>
    public static TheoryData<long, string?> UnitTable() => new()
    {
        { 1, "minUnit" },
        { 2, "minUnit" },
        { 3, "minUnit" },
        { 4, null },
        { 6, "stepSize" },
        { 8, null },
        { 12, null },
        { 15, "stepSize" },
        { 16, null },
        { 17, "maxUnit" },
        { 20, "maxUnit" },
    };

    [Theory]
    [MemberData(nameof(UnitTable))]
    public void AnAmountOutsideMinMaxOrStepNamesTheRuleItBreaks(long amount, string? rule)
    {
        var policy = new PoolPolicy(MinUnit: 4, MaxUnit: 16, StepSize: 4);

        var problem = policy.UnitProblem("gpus", amount);

        if (rule is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains($"({rule})", problem, StringComparison.Ordinal);
            Assert.StartsWith("gpus ", problem, StringComparison.Ordinal);
            Assert.Contains($"{amount} requested", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheDefaultPolicyTakesAnyWholeAmountWithoutLimit()
    {
        Assert.Null(PoolPolicy.Default.UnitProblem("gpus", 1));
        Assert.Null(PoolPolicy.Default.UnitProblem("gpus", 7));
        Assert.Null(PoolPolicy.Default.UnitProblem("gpus", RegionValidation.MaxPoolTotal));
        Assert.Equal("stepSize", Broken(new PoolPolicy(StepSize: 3).UnitProblem("gpus", 4)));
        Assert.Null(new PoolPolicy(StepSize: 3).UnitProblem("gpus", 9));
    }

    /// <summary>A total and a policy, and every field the policy rules name for them (sorted); empty when valid.</summary>
    public static TheoryData<string, long, PoolPolicy, string[]> PolicyTable() => new()
    {
        { "the default", 100, PoolPolicy.Default, [] },
        { "everything at its edge", 100, new PoolPolicy(100, 16m, 5, 5, 1), [] },
        { "heldBack negative", 100, new PoolPolicy(HeldBack: -1), ["heldBack"] },
        { "heldBack above the total", 100, new PoolPolicy(HeldBack: 101), ["heldBack"] },
        { "heldBack beyond the largest total", RegionValidation.MaxPoolTotal, new PoolPolicy(HeldBack: RegionValidation.MaxPoolTotal + 1), ["heldBack"] },
        { "overcommit below one", 100, new PoolPolicy(Overcommit: 0.99m), ["overcommit"] },
        { "overcommit zero", 100, new PoolPolicy(Overcommit: 0m), ["overcommit"] },
        { "overcommit above sixteen", 100, new PoolPolicy(Overcommit: 16.01m), ["overcommit"] },
        { "minUnit zero", 100, new PoolPolicy(MinUnit: 0), ["minUnit"] },
        { "minUnit beyond the largest total", 100, new PoolPolicy(MinUnit: RegionValidation.MaxPoolTotal + 1), ["minUnit"] },
        { "maxUnit zero", 100, new PoolPolicy(MaxUnit: 0), ["maxUnit"] },
        { "maxUnit below minUnit", 100, new PoolPolicy(MinUnit: 4, MaxUnit: 3), ["maxUnit"] },
        { "maxUnit beyond the largest total", 100, new PoolPolicy(MaxUnit: RegionValidation.MaxPoolTotal + 1), ["maxUnit"] },
        { "stepSize zero", 100, new PoolPolicy(StepSize: 0), ["stepSize"] },
        { "stepSize negative", 100, new PoolPolicy(StepSize: -4), ["stepSize"] },
        { "every field wrong", 100, new PoolPolicy(-1, 0.5m, 0, -1, 0), ["heldBack", "maxUnit", "minUnit", "overcommit", "stepSize"] },
    };

    [Theory]
    [MemberData(nameof(PolicyTable))]
    public void EachPolicyFieldOutOfItsRangeIsNamed(string because, long total, PoolPolicy policy, string[] fields)
    {
        var problems = RegionValidation.PolicyProblems(total, policy).ToList();

        Assert.True(
            fields.SequenceEqual(problems.Select(p => p.Field).Order(StringComparer.Ordinal)),
            $"{because}: expected [{string.Join(", ", fields)}], got [{string.Join(", ", problems.Select(p => p.Field))}]");
        Assert.All(problems, p => Assert.Contains(p.Field, p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void APoolWithoutAPolicyReadsAsTheDefaultPolicy()
    {
        var pool = new CapacityPool(100, 10);

        Assert.Null(pool.Policy);
        Assert.Equal(PoolPolicy.Default, pool.Rules);
        Assert.True(pool.Rules.IsDefault);
        Assert.Equal(100, pool.Usable);
        Assert.Equal(90, pool.Available);
        Assert.Equal(new PoolPolicy(0, 1.0m, 1, null, 1), PoolPolicy.Default);
        Assert.True(new PoolPolicy(Overcommit: 1m).IsDefault);
    }

    [Fact]
    public void StatingTheDefaultPolicyStoresNoPolicyAndIsNoChangeForAPoolWithout()
    {
        var state = At(gpus: 100);

        var same = Rules.SetCapacity(state, "gpus", 100, Context, policy: new PoolPolicy());
        var explicitDefault = Then(Rules.SetCapacity(state, "gpus", 120, Context, policy: new PoolPolicy(0, 1.0m, 1, null, 1)));

        Assert.Equal(RegionOutcome.Ok, same.Outcome);
        Assert.Null(same.Changes);
        Assert.Null(explicitDefault.Capacity["gpus"].Policy);
    }

    [Fact]
    public void APolicyThatLeavesLessUsableThanIsReservedIsRefusedAndOneThatLeavesExactlyEnoughIsAccepted()
    {
        var state = Then(Rules.Reserve(At(gpus: 100), new ReservationRequest("held", "gpus", 80), Context));

        var heldBackTooMuch = Rules.SetCapacity(state, "gpus", 100, Context, policy: new PoolPolicy(HeldBack: 30));
        var exactlyEnough = Then(Rules.SetCapacity(state, "gpus", 100, Context, policy: new PoolPolicy(HeldBack: 20)));
        var overcommitted = Then(Rules.SetCapacity(state, "gpus", 50, Context, policy: new PoolPolicy(Overcommit: 2m)));
        var overcommitTooLittle = Rules.SetCapacity(state, "gpus", 50, Context, policy: new PoolPolicy(Overcommit: 1.5m));
        var plainTotalBelow = Rules.SetCapacity(state, "gpus", 79, Context);

        Assert.Equal(RegionOutcome.BelowReserved, heldBackTooMuch.Outcome);
        Assert.Null(heldBackTooMuch.Next);
        Assert.Contains("70 usable", heldBackTooMuch.Detail, StringComparison.Ordinal);
        Assert.Equal(new CapacityPool(100, 80, new PoolPolicy(HeldBack: 20)), exactlyEnough.Capacity["gpus"]);
        Assert.Equal(0, exactlyEnough.Capacity["gpus"].Available);

        // Overcommit lets a total below what is reserved stand: 50 × 2 = 100 usable, 20 available.
        Assert.Equal(100, overcommitted.Capacity["gpus"].Usable);
        Assert.Equal(20, overcommitted.Capacity["gpus"].Available);
        Assert.Equal(RegionOutcome.BelowReserved, overcommitTooLittle.Outcome);
        Assert.Equal(RegionOutcome.BelowReserved, plainTotalBelow.Outcome);
    }

    [Fact]
    public void APolicyThatBreaksAFieldRuleIsInvalidAndChangesNothing()
    {
        var state = At(gpus: 100);

        var decision = Rules.SetCapacity(state, "gpus", 100, Context, policy: new PoolPolicy(HeldBack: 101));

        Assert.Equal(RegionOutcome.Invalid, decision.Outcome);
        Assert.Null(decision.Next);
        Assert.Contains("heldBack", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReservingUpToUsableUnderOvercommitSucceedsAndOneMoreIsShort()
    {
        var state = Then(Rules.SetCapacity(At(gpus: 10), "gpus", 10, Context, policy: new PoolPolicy(HeldBack: 2, Overcommit: 2.5m)));

        var full = Then(Rules.Reserve(state, new ReservationRequest("all", "gpus", 20), Context));
        var more = Rules.Reserve(full, new ReservationRequest("more", "gpus", 1), Context);

        Assert.Equal(20, full.Capacity["gpus"].Reserved);
        Assert.Equal(RegionOutcome.InsufficientCapacity, more.Outcome);
        Assert.Equal<Shortfall>([new Shortfall("gpus", 1, 0)], more.Shortfalls);
    }

    private static string? Broken(string? problem) =>
        problem is null ? null : UnitRules.Single(rule => problem.Contains($"({rule})", StringComparison.Ordinal));
}
