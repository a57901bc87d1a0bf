namespace RegionGrains.Grains.Regions;

/// <summary>Tunables of the region grains, bound from <c>RegionGrains:Regions</c>.</summary>
public sealed class RegionGrainOptions
{
    public const string Section = "RegionGrains:Regions";

    /// <summary>Released or expired reservation ids remembered per region for idempotency.</summary>
    public int FinishedReservationMemory { get; set; } = 1_000;

    /// <summary>
    /// Ended reservations kept whole per region (newest first), so that their final state can be read and listed;
    /// at most <see cref="FinishedReservationMemory"/>. Their ids are remembered longer, for idempotency.
    /// </summary>
    public int EndedReservationMemory { get; set; } = 100;

    /// <summary>The most requests one region's waitlist holds; a request beyond it is refused as if it had not asked to wait.</summary>
    public int MaxWaiting { get; set; } = 10_000;

    /// <summary>
    /// How often a region asks a consumer again for the decision on a prepared change once its lease is up, until the
    /// decision arrives.
    /// </summary>
    public TimeSpan DecisionRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a region holds its part of a change across regions before asking the coordinating consumer for the
    /// decision: the bound on how long a crashed change keeps its extra amounts held.
    /// </summary>
    public TimeSpan ChangeLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fired, failed and cancelled scheduled changes kept per region (newest first), for listing and replays of their ids.</summary>
    public int EndedScheduleMemory { get; set; } = 100;

    /// <summary>
    /// Whether a read of a region or of its reservations first confirms with the journal that no other activation has
    /// written since (one small read of the journal's head per read, docs/consistency.md): reads are then linearizable
    /// even while Orleans holds two activations of the region after a silo was declared dead. Off, a read is answered
    /// from memory and can be stale in that window; a cluster of one silo never has the window.
    /// </summary>
    public bool ConfirmReads { get; set; }

    /// <summary>
    /// The period of a region's wake-up reminder: how soon after a missed due instant (every silo down at the time, or the
    /// region's silo lost) a region is woken to fire what is due, and how often a failed firing is tried again. Orleans
    /// reminders tick at most once a minute unless its ReminderOptions.MinimumReminderPeriod is lowered to match, which
    /// the grains' registration does (tests use seconds; production keeps the minute).
    /// </summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
