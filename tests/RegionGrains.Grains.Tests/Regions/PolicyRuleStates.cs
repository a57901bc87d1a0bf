using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>The rules, a fixed clock and small region states shared by the pool-policy and multi-resource rule tests.</summary>
internal static class PolicyRuleStates
{
    public static readonly ChangeContext Context = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), "policy-test");

    public static readonly RegionRules Rules = new(new RegionGrainOptions());

    private static readonly RegionDefinition DataCenter = new("Policy test", "DE", Geography.Europe, 50.11, 8.68);

    /// <summary>An Online data center with the pools asked for, seeded without a policy.</summary>
    public static RegionState At(long? gpus = null, long? racks = null)
    {
        var capacity = new Dictionary<string, long>();
        if (gpus is { } g)
        {
            capacity["gpus"] = g;
        }

        if (racks is { } r)
        {
            capacity["racks"] = r;
        }

        return Then(Rules.Seed(RegionState.Empty, DataCenter, RegionStatus.Online, capacity, Context));
    }

    /// <summary>The state a decision leads to; fails the test when it decided no change.</summary>
    public static RegionState Then(RegionDecision decision)
    {
        Assert.True(decision.Next is not null, $"Expected a change, got {decision.Outcome}: {decision.Detail}");
        return decision.Next;
    }

    /// <summary>A reservation of several resources, given in the order written (the request sorts them itself).</summary>
    public static ReservationRequest Several(string id, params (string Resource, long Amount)[] holds)
    {
        var map = new Dictionary<string, long>();
        foreach (var (resource, amount) in holds)
        {
            map.Add(resource, amount);
        }

        return ReservationRequest.ForResources(id, map);
    }
}
