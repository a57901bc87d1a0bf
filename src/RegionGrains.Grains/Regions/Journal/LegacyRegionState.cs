using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Journal;

/// <summary>
/// The whole-state row that region storage wrote before the journal (one serialized state per region, history
/// included). Read once per region when a data directory from that time is opened, then written as the first
/// snapshot; field ids and alias are those of the old format and must not change.
/// </summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionState")]
public sealed record LegacyRegionState
{
    [Id(0)] public RegionDefinition? Definition { get; init; }

    [Id(1)] public RegionStatus Status { get; init; }

    [Id(2)] public ImmutableSortedDictionary<string, CapacityPool> Capacity { get; init; } = ImmutableSortedDictionary<string, CapacityPool>.Empty;

    [Id(3)] public ImmutableDictionary<string, Reservation> Reservations { get; init; } = ImmutableDictionary<string, Reservation>.Empty;

    [Id(4)] public ImmutableList<RegionEvent> History { get; init; } = [];

    [Id(5)] public long Version { get; init; }

    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(7)] public ImmutableList<string> FinishedReservationIds { get; init; } = [];
}
