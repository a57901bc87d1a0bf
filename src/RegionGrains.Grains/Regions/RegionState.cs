using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// Persisted state of a region. Immutable on purpose: a command builds the next state, and the
/// grain only keeps it once the write succeeded, so a failed write leaves nothing unsaved in memory.
/// </summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionState")]
public sealed record RegionState
{
    /// <summary>Null until the region is defined.</summary>
    [Id(0)] public RegionDefinition? Definition { get; init; }

    [Id(1)] public RegionStatus Status { get; init; }

    [Id(2)] public ImmutableSortedDictionary<string, CapacityPool> Capacity { get; init; } =
        ImmutableSortedDictionary<string, CapacityPool>.Empty;

    [Id(3)] public ImmutableDictionary<string, Reservation> Reservations { get; init; } =
        ImmutableDictionary<string, Reservation>.Empty;

    /// <summary>Newest last; trimmed to the configured window.</summary>
    [Id(4)] public ImmutableList<RegionEvent> History { get; init; } = [];

    [Id(5)] public long Version { get; init; }

    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Ids of reservations that were released or expired, newest last, so that a late replay of
    /// one is answered as a reused id instead of silently holding capacity again.
    /// </summary>
    [Id(7)] public ImmutableList<string> FinishedReservationIds { get; init; } = [];

    public bool IsDefined => Definition is not null;
}
