namespace RegionGrains.Gateway.Events;

/// <summary>How region event streams follow their region, bound from <c>RegionGrains:Events</c>.</summary>
public sealed class EventStreamOptions
{
    public const string Section = "RegionGrains:Events";

    /// <summary>
    /// A stream wakes on the footprint's change notifications, which are coalesced and may be lost (a coordinator that
    /// moved has no observers until the gateway subscribes again); it also asks its region's version this often, so
    /// it is never behind by more than this.
    /// </summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events read from the journal per call while a stream catches up.</summary>
    public int PageSize { get; set; } = 200;
}
