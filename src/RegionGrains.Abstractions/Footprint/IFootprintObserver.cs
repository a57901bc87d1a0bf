using Orleans.Concurrency;

namespace RegionGrains.Abstractions.Footprint;

/// <summary>Receives footprint changes, coalesced to a few per second.</summary>
[Alias("RegionGrains.IFootprintObserver")]
public interface IFootprintObserver : IGrainObserver
{
    /// <summary>Called after the footprint changed.</summary>
    /// <remarks>
    /// One-way: the coordinator never waits for an observer, so a gateway that died without unsubscribing (or a slow
    /// one) cannot hold up the coordinator's timer, and with it every other gateway's changes, until a call times out.
    /// A dead observer lapses after <see cref="IFootprintGrain.ObserverLifetime"/>.
    /// </remarks>
    [OneWay]
    [Alias("OnFootprintChanged")]
    Task OnFootprintChangedAsync(FootprintChange change);
}
