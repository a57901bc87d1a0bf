using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// A prepared, undecided change: what it will set, the extra amount held meanwhile (what the new holds exceed the old
/// by), and when the region asks the consumer for the decision.
/// </summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.TentativeHold")]
public sealed record TentativeHold(
    [property: Id(0)] TentativeChange Change,
    [property: Id(1)] ImmutableSortedDictionary<string, long> Extra,
    [property: Id(2)] DateTimeOffset LeaseUntil);
