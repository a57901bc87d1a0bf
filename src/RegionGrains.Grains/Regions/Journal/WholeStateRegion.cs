using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Journal;

/// <summary>
/// A region's row of the whole-state format (one serialized state per region, history included) that a SQLite data
/// directory may still hold: converted into the region's journal when a silo starts on it (<see cref="Migration.WholeStateMigration"/>).
/// Field ids and alias are those of that format and must not change.
/// </summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionState")]
public sealed record WholeStateRegion
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
