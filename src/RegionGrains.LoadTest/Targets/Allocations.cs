using System.Collections.Immutable;
using System.Globalization;

namespace RegionGrains.LoadTest.Targets;

/// <summary>What a consumer's claims hold: region id to resource to amount, compared by content.</summary>
public sealed class Allocations
{
    public static Allocations Empty { get; } = new(ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, long>>(StringComparer.Ordinal));

    public Allocations(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> map) => Map = map;

    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Map { get; }

    /// <summary>The same map, read from any dictionaries; a region whose holds are empty holds nothing and is left out.</summary>
    public static Allocations From(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, long>>> regions) => new(regions
        .Where(r => r.Value.Count > 0)
        .ToImmutableSortedDictionary(r => r.Key, r => r.Value.ToImmutableSortedDictionary(StringComparer.Ordinal), StringComparer.Ordinal));

    /// <summary>Whether both hold the same amounts of the same resources in the same regions.</summary>
    public bool SameAs(Allocations other) =>
        Map.Count == other.Map.Count &&
        Map.All(r => other.Map.TryGetValue(r.Key, out var holds) && holds.Count == r.Value.Count && r.Value.All(p => holds.TryGetValue(p.Key, out var amount) && amount == p.Value));

    /// <summary>"lt-x-1 {racks 2, power_kw 1}; lt-x-7 {racks 3}", or "nothing".</summary>
    public override string ToString() => Map.Count == 0
        ? "nothing"
        : string.Join("; ", Map.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {{{string.Join(", ", r.Value.Select(p => $"{p.Key} {p.Value}"))}}}")));
}
