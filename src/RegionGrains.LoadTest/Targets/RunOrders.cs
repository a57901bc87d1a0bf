using System.Collections.Immutable;
using RegionGrains.Abstractions.Placement;

namespace RegionGrains.LoadTest.Targets;

/// <summary>A claim as drawn: which consumer, its id, the regions it names (by index) and what it holds there.</summary>
public sealed record ClaimDraw(int Consumer, string ClaimId, ImmutableArray<int> Keys, Allocations Allocations);

/// <summary>
/// The orders of the placement, two-pool and claim operations, drawn alike for the grains and the HTTP target. Amounts
/// are small against the pools (<see cref="RegionSet.InitialTotal"/>), so no order is refused for lack of room.
/// </summary>
public static class RunOrders
{
    private static readonly PlacementPolicy[] Policies = Enum.GetValues<PlacementPolicy>();

    /// <summary>A booking ahead: starting 1 to 30 days from <paramref name="now"/> (on a whole minute), for a day.</summary>
    public static (DateTimeOffset StartsAt, DateTimeOffset EndsAt) Ahead(Random random, DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero)
            .AddMinutes(random.Next(24 * 60, 30 * 24 * 60));
        return (start, start.AddDays(1));
    }

    /// <summary>1 to 3 of each of the run's two pools.</summary>
    public static ImmutableSortedDictionary<string, long> BothPools(Random random) => ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal)
        .Add(RegionSet.ReserveResource, random.Next(1, 4))
        .Add(RegionSet.CapacityResource, random.Next(1, 4));

    /// <summary>
    /// An order of one or both of the run's pools (1 to 8 of each) by a random policy; nearest measures from a random
    /// point. The run's regions can all take it, and so can any other region of the cluster that has those pools.
    /// </summary>
    public static PlacementQuery Placement(Random random)
    {
        var resources = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        var which = random.Next(3);
        if (which != 1)
        {
            resources[RegionSet.ReserveResource] = random.Next(1, 9);
        }

        if (which != 0)
        {
            resources[RegionSet.CapacityResource] = random.Next(1, 9);
        }

        var policy = Policies[random.Next(Policies.Length)];
        var near = policy == PlacementPolicy.Nearest ? new GeoPoint(Math.Round((random.NextDouble() * 180) - 90, 2), Math.Round((random.NextDouble() * 360) - 180, 2)) : null;
        return new PlacementQuery(resources.ToImmutable(), policy, PlacementQuery.DefaultLimit, Near: near);
    }

    /// <summary>
    /// A claim of a consumer drawn uniformly from the run's, over region <paramref name="key"/> and, for a claim of
    /// two or three regions, others drawn uniformly; in each, 1 to 3 of one or both pools. Marks the regions as
    /// holding the run's project before anything is sent.
    /// </summary>
    public static ClaimDraw Claim(RegionSet regions, OperationKind kind, int key, Random random)
    {
        var span = Math.Min(OperationMix.ClaimRegions(kind), regions.Count);
        var keys = new List<int>(span) { key };
        while (keys.Count < span)
        {
            var other = random.Next(regions.Count);
            if (!keys.Contains(other))
            {
                keys.Add(other);
            }
        }

        var map = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            regions.MarkProjectHold(k);
            var holds = BothPools(random);
            map[regions.Ids[k]] = random.Next(3) switch
            {
                0 => holds.Remove(RegionSet.CapacityResource),
                1 => holds.Remove(RegionSet.ReserveResource),
                _ => holds,
            };
        }

        var consumer = random.Next(regions.Consumers.Count);
        regions.Consumers[consumer].Attempt();
        return new ClaimDraw(consumer, regions.Consumers.NextClaimId(), [.. keys], new Allocations(map.ToImmutable()));
    }
}
