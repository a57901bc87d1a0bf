using Orleans.Concurrency;

namespace RegionGrains.Abstractions.Footprint;

/// <summary>Receives footprint changes, coalesced to a few per second.</summary>
[Alias("RegionGrains.IFootprintObserver")]
public interface IFootprintObserver : IGrainObserver
{
    /// <summary>
    /// Called after the footprint changed. One-way: the coordinator does not wait for a subscriber's answer, so a
    /// subscriber that cannot be reached (its gateway silo is restarting, its process died) never holds the
    /// coordinator up; for up to the silo's 30 s response timeout it did, which also held up the silo's graceful
    /// shutdown. A subscriber that misses a change gets the whole footprint with the next one.
    /// </summary>
    [Alias("OnFootprintChanged")]
    [OneWay]
    Task OnFootprintChangedAsync(FootprintChange change);
}
