using System.Collections.Immutable;
using CommunityToolkit.HighPerformance.Buffers;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// The strings that many regions hold equal copies of, country codes and pool names, replaced by one shared instance
/// where a region's state or snapshot is decoded (a region loaded from its journal, a footprint partition's stored
/// snapshots). Decoding makes a new string for each, about 32 bytes apiece and three or more per region, and a silo
/// keeps a region activation and a partition entry per region. The pool is bounded: a value it no longer holds is
/// kept as decoded, which costs memory, never correctness.
/// </summary>
internal static class SharedStrings
{
    // Country codes (at most 676) and the pool names in use fit many times over.
    private static readonly StringPool Pool = new(4096);

    /// <summary><paramref name="state"/> with its country code and pool names shared; the same instance when they already are.</summary>
    public static RegionState Share(RegionState state)
    {
        var definition = Share(state.Definition);
        var capacity = Share(state.Capacity);
        return ReferenceEquals(definition, state.Definition) && ReferenceEquals(capacity, state.Capacity)
            ? state
            : state with { Definition = definition, Capacity = capacity };
    }

    /// <summary><paramref name="snapshot"/> with its country code and pool names shared; the same instance when they already are.</summary>
    public static RegionSnapshot Share(RegionSnapshot snapshot)
    {
        var definition = Share(snapshot.Definition)!;
        var capacity = Share(snapshot.Capacity);
        return ReferenceEquals(definition, snapshot.Definition) && ReferenceEquals(capacity, snapshot.Capacity)
            ? snapshot
            : snapshot with { Definition = definition, Capacity = capacity };
    }

    private static RegionDefinition? Share(RegionDefinition? definition) =>
        definition is not null && Pool.GetOrAdd(definition.CountryCode) is var code && !ReferenceEquals(code, definition.CountryCode)
            ? definition with { CountryCode = code }
            : definition;

    private static ImmutableSortedDictionary<string, CapacityPool> Share(ImmutableSortedDictionary<string, CapacityPool> capacity) =>
        capacity.Keys.All(name => ReferenceEquals(Pool.GetOrAdd(name), name))
            ? capacity
            : ImmutableSortedDictionary.CreateRange(capacity.KeyComparer, capacity.Select(pool => KeyValuePair.Create(Pool.GetOrAdd(pool.Key), pool.Value)));
}
