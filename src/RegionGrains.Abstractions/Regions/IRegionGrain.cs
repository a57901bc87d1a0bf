using System.Collections.Immutable;
using Orleans.Concurrency;

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
    [Alias("Get"), AlwaysInterleave]
    Task<RegionSnapshot?> GetAsync();

    /// <summary>Creates the region (status Planned) or replaces its definition.</summary>
    /// <param name="definition">The new definition.</param>
    /// <param name="expectedVersion">When set, the change only applies at this version.</param>
    [Alias("Define")]
    Task<RegionResult> DefineAsync(RegionDefinition definition, long? expectedVersion = null);

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
    [Alias("ChangeStatus")]
    Task<RegionResult> ChangeStatusAsync(RegionStatus target, string reason, long? expectedVersion = null);

    /// <summary>Sets the total of a pool, creating the pool if needed; never below what is reserved.</summary>
    /// <param name="resource">The pool.</param>
    /// <param name="total">Its new total.</param>
    /// <param name="expectedVersion">
    /// When set, the change only applies at this version; a total the pool already has is answered Ok whatever the version.
    /// </param>
    [Alias("SetCapacity")]
    Task<RegionResult> SetCapacityAsync(string resource, long total, long? expectedVersion = null);

    /// <summary>Holds capacity; idempotent on the reservation id.</summary>
    /// <param name="request">What to hold, under which id.</param>
    /// <param name="expectedVersion">
    /// When set, a new reservation is only made at this version; a replay is answered whatever the version.
    /// </param>
    [Alias("Reserve")]
    Task<ReservationResult> ReserveAsync(ReservationRequest request, long? expectedVersion = null);

    /// <summary>Releases a reservation.</summary>
    /// <param name="reservationId">The reservation to release.</param>
    /// <param name="expectedVersion">When set, the release only happens at this version.</param>
    [Alias("Release")]
    Task<RegionResult> ReleaseAsync(string reservationId, long? expectedVersion = null);

    /// <summary>A held reservation by id, or null.</summary>
    [Alias("GetReservation")]
    Task<Reservation?> GetReservationAsync(string reservationId);

    /// <summary>
    /// Up to <paramref name="limit"/> history events older than version <paramref name="before"/> (all when null),
    /// newest first; null when the region does not exist.
    /// </summary>
    [Alias("GetHistoryPage")]
    Task<RegionHistoryPage?> GetHistoryAsync(int limit, long? before = null);
}
