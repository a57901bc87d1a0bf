namespace RegionGrains.Abstractions.Footprint;

/// <summary>Receives footprint changes, coalesced to a few per second.</summary>
[Alias("RegionGrains.IFootprintObserver")]
public interface IFootprintObserver : IGrainObserver
{
    /// <summary>Called after the footprint changed.</summary>
    [Alias("OnFootprintChanged")]
    Task OnFootprintChangedAsync(FootprintChange change);
}
