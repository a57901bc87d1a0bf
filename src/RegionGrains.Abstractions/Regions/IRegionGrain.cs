using System.Collections.Immutable;
using Orleans.Concurrency;
using RegionGrains.Abstractions.Events;

namespace RegionGrains.Abstractions.Regions;

/// <summary>One data-center region: its definition, status, capacity, reservations and history. Keyed by region id.</summary>
[Alias("RegionGrains.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>The region, or null when it has never been defined.</summary>
    /// <remarks>
    /// Interleaves with commands: a read never waits behind another caller's write for its commit, and answers the
    /// region as last acknowledged (a region's state moves on only once a change is durable).
    /// </remarks>
    [Alias("Get"), AlwaysInterleave, Idempotent]
    ValueTask<RegionSnapshot?> GetAsync();

    /// <summary>Creates the region (status Planned) or replaces its definition.</summary>
    /// <param name="definition">The new definition.</param>
    /// <param name="expectedVersion">When set, the change only applies at this version.</param>
    /// <param name="dryRun">When true, answers what the change would do and stores nothing.</param>
    [Alias("Define")]
    Task<RegionResult> DefineAsync(RegionDefinition definition, long? expectedVersion = null, bool dryRun = false);

    /// <summary>
    /// Creates the region with a status and capacity in one write, if it does not exist yet.
    /// Used to seed the catalog: an existing region is left untouched (outcome Ok).
    /// </summary>
    [Alias("Seed")]
    Task<RegionResult> SeedAsync(RegionDefinition definition, RegionStatus status, ImmutableDictionary<string, long> capacity);

    /// <summary>Moves the region to <paramref name="target"/> if the lifecycle allows it.</summary>
    /// <param name="target">The status to move to.</param>
    /// <param name="reason">Why, kept in the history.</param>
    /// <param name="expectedVersion">When set, the change only applies at this version (outcome VersionMismatch otherwise).</param>
    /// <param name="dryRun">When true, answers what the change would do and stores nothing.</param>
    [Alias("ChangeStatus")]
    Task<RegionResult> ChangeStatusAsync(RegionStatus target, string reason, long? expectedVersion = null, bool dryRun = false);

    /// <summary>
    /// Sets the total and allocation policy of a pool, creating the pool if needed; never so that less is usable than
    /// is reserved.
    /// </summary>
    /// <param name="resource">The pool.</param>
    /// <param name="total">Its new total.</param>
    /// <param name="expectedVersion">
    /// When set, the change only applies at this version; a total and policy the pool already has are answered Ok
    /// whatever the version.
    /// </param>
    /// <param name="policy">The pool's allocation policy; null for the default (nothing held back, no overcommit, any unit).</param>
    /// <param name="dryRun">When true, answers what the change would do and stores nothing.</param>
    [Alias("SetCapacity"), Idempotent]
    Task<RegionResult> SetCapacityAsync(string resource, long total, long? expectedVersion = null, PoolPolicy? policy = null, bool dryRun = false);

    /// <summary>Holds capacity; idempotent on the reservation id.</summary>
    /// <param name="request">What to hold, under which id.</param>
    /// <param name="expectedVersion">
    /// When set, a new reservation is only made at this version; a replay is answered whatever the version.
    /// </param>
    /// <param name="dryRun">When true, answers what the request would get and stores nothing.</param>
    [Alias("Reserve"), Idempotent]
    Task<ReservationResult> ReserveAsync(ReservationRequest request, long? expectedVersion = null, bool dryRun = false);

    /// <summary>Releases a reservation.</summary>
    /// <param name="reservationId">The reservation to release.</param>
    /// <param name="expectedVersion">When set, the release only happens at this version.</param>
    /// <param name="dryRun">When true, answers what the release would do and stores nothing.</param>
    [Alias("Release")]
    Task<RegionResult> ReleaseAsync(string reservationId, long? expectedVersion = null, bool dryRun = false);

    /// <summary>
    /// Changes a held or scheduled reservation's amounts or end. Growing is checked over its whole interval; shrinking
    /// and shortening always fit. A patch that changes nothing is answered Ok and stores nothing.
    /// </summary>
    /// <param name="patch">The reservation and what to change.</param>
    /// <param name="expectedVersion">When set, the change only happens at this version.</param>
    /// <param name="dryRun">When true, answers what the change would do and stores nothing.</param>
    [Alias("ChangeReservation")]
    Task<ReservationResult> ChangeReservationAsync(ReservationPatch patch, long? expectedVersion = null, bool dryRun = false);

    /// <summary>
    /// Prepares this region's part of a change across regions: holds whatever it needs beyond what the reservation
    /// holds now, journaled, and acknowledges nothing until <see cref="CompleteAsync"/>. Idempotent on the change's id.
    /// </summary>
    /// <param name="change">What to set, for which consumer, under which change id.</param>
    /// <param name="dryRun">When true, answers whether it would be prepared and stores nothing.</param>
    /// <returns>Ok (or Replayed) when prepared; a refusal with the short resources otherwise.</returns>
    [Alias("Prepare"), Idempotent]
    Task<ReservationResult> PrepareAsync(TentativeChange change, bool dryRun = false);

    /// <summary>Applies the consumer's decision on a prepared change; a change it does not hold is answered Ok (already done).</summary>
    [Alias("Complete"), Idempotent]
    Task<RegionResult> CompleteAsync(string txId, bool commit);

    /// <summary>A page of the held reservations, sorted by id, filtered by resource and consumer; null when the region does not exist.</summary>
    [Alias("ListReservations"), Idempotent]
    Task<ReservationPage?> ListReservationsAsync(ReservationQuery query);

    /// <summary>A reservation holding its amounts now (Active), by id, or null.</summary>
    [Alias("GetReservation"), Idempotent]
    Task<Reservation?> GetReservationAsync(string reservationId);

    /// <summary>A reservation in any state the region remembers (scheduled, active or recently ended), by id, or null.</summary>
    [Alias("FindReservation"), Idempotent]
    Task<Reservation?> FindReservationAsync(string reservationId);

    /// <summary>
    /// Schedules a status or capacity change for <see cref="ScheduleRequest.At"/>, journaled with the caller as its
    /// scheduler; idempotent on the change id. Whether the change is allowed is decided when it fires, against the
    /// region as it is then: a refusal at that time is recorded as the change's failure.
    /// </summary>
    /// <param name="request">What to change, when, under which id.</param>
    /// <param name="dryRun">When true, answers what scheduling would do and stores nothing.</param>
    [Alias("Schedule"), Idempotent]
    Task<ScheduleResult> ScheduleAsync(ScheduleRequest request, bool dryRun = false);

    /// <summary>Cancels a pending scheduled change; a cancelled one is answered Ok again, a fired or failed one AlreadyFired.</summary>
    /// <param name="changeId">The change to cancel.</param>
    /// <param name="dryRun">When true, answers what cancelling would do and stores nothing.</param>
    [Alias("CancelScheduled"), Idempotent]
    Task<ScheduleResult> CancelScheduledAsync(string changeId, bool dryRun = false);

    /// <summary>
    /// The pending scheduled changes in firing order, then the most recently ended ones, newest first; null when the
    /// region does not exist.
    /// </summary>
    [Alias("GetSchedule"), Idempotent]
    Task<ImmutableArray<ScheduledChange>?> GetScheduleAsync();

    /// <summary>One scheduled change, pending or recently ended (outcome NotFound when the region does not know it).</summary>
    [Alias("GetScheduled"), Idempotent]
    Task<ScheduleResult> GetScheduledAsync(string changeId);

    /// <summary>
    /// Up to <paramref name="limit"/> history events older than version <paramref name="before"/> (all when null),
    /// newest first; null when the region does not exist.
    /// </summary>
    [Alias("GetHistoryPage"), Idempotent]
    Task<RegionHistoryPage?> GetHistoryAsync(int limit, long? before = null);

    /// <summary>
    /// Up to <paramref name="limit"/> events with versions after <paramref name="after"/>, oldest first, read from the
    /// journal (so only durable changes); null when the region does not exist. Streams resume with it.
    /// </summary>
    [Alias("GetEvents"), Idempotent]
    Task<RegionEventPage?> GetEventsAsync(long after, int limit);
}
