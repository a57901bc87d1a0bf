using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// The state of a region as rebuilt from its journal: what the next command decides on. Immutable on purpose:
/// a command builds the next state, and the grain only keeps it once the change is durably journaled, so a
/// failed write leaves nothing unsaved in memory. It is also what a journal snapshot stores.
/// </summary>
/// <remarks>
/// Field 4 is the history of the whole-state format; history lives in the journal, and the id stays unused so that
/// a payload of that format can never be misread.
/// </remarks>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionState.v2")]
public sealed record RegionState
{
    public static RegionState Empty { get; } = new();

    /// <summary>Null until the region is defined.</summary>
    [Id(0)] public RegionDefinition? Definition { get; init; }

    [Id(1)] public RegionStatus Status { get; init; }

    [Id(2)] public ImmutableSortedDictionary<string, CapacityPool> Capacity { get; init; } =
        ImmutableSortedDictionary<string, CapacityPool>.Empty;

    [Id(3)] public ImmutableDictionary<string, Reservation> Reservations { get; init; } =
        ImmutableDictionary<string, Reservation>.Empty;

    [Id(5)] public long Version { get; init; }

    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Ids of reservations that were released or expired, oldest first, so that a late replay of one is answered
    /// as a reused id instead of silently holding capacity again. Bounded by the configured memory.
    /// </summary>
    [Id(7)] public ImmutableQueue<string> FinishedReservationIds { get; init; } = [];

    /// <summary>The same ids as <see cref="FinishedReservationIds"/>, for lookups that do not scan.</summary>
    [Id(8)] public ImmutableHashSet<string> FinishedReservationIdSet { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Prepared, undecided changes across regions, by the reservation id each sets.</summary>
    [Id(9)] public ImmutableDictionary<string, TentativeHold> Tentative { get; init; } = ImmutableDictionary<string, TentativeHold>.Empty;

    /// <summary>What each named consumer holds here, summed over its reservations (acknowledged holds only).</summary>
    [Id(10)] public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> ConsumerUsage { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>>.Empty;

    /// <summary>What each named project holds here, summed over its reservations (acknowledged holds only).</summary>
    [Id(11)] public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> ProjectUsage { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>>.Empty;

    /// <summary>Reservations booked for a later start, by id: they count against the pools' timelines, not their reserved amounts.</summary>
    [Id(12)] public ImmutableDictionary<string, Reservation> Scheduled { get; init; } = ImmutableDictionary<string, Reservation>.Empty;

    /// <summary>
    /// The most recently ended reservations, by id, as they ended (state and end time set); bounded by the configured
    /// memory, oldest dropped first along <see cref="FinishedReservationIds"/>.
    /// </summary>
    [Id(13)] public ImmutableDictionary<string, Reservation> Ended { get; init; } = ImmutableDictionary<string, Reservation>.Empty;

    /// <summary>Requests waiting for capacity, by id, each with its place in the queue.</summary>
    [Id(14)] public ImmutableDictionary<string, Waiter> Waiting { get; init; } = ImmutableDictionary<string, Waiter>.Empty;

    /// <summary>The waitlist in arrival order: place (the region version that queued it) to request id.</summary>
    [Id(15)] public ImmutableSortedDictionary<long, string> WaitOrder { get; init; } = ImmutableSortedDictionary<long, string>.Empty;

    /// <summary>Scheduled changes waiting for their time, by id (they fire in order of time, then id).</summary>
    [Id(16)] public ImmutableDictionary<string, ScheduledChange> Schedule { get; init; } = ImmutableDictionary<string, ScheduledChange>.Empty;

    /// <summary>
    /// The most recently fired, failed or cancelled scheduled changes, by id, with their outcome; bounded by the configured
    /// memory, oldest dropped first. Their ids answer replays while they are kept.
    /// </summary>
    [Id(17)] public ImmutableDictionary<string, ScheduledChange> ScheduleEnded { get; init; } = ImmutableDictionary<string, ScheduledChange>.Empty;

    public bool IsDefined => Definition is not null;
}
