using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// The region grain's own entry for a read that finds a reservation's lifetime up. <see cref="IRegionGrain.GetAsync"/>
/// interleaves with commands, so it must not write; it calls this (not interleaved, so it runs between commands) to
/// journal the expiry first.
/// </summary>
[Alias("RegionGrains.IRegionExpiryGrain")]
public interface IRegionSelfCalls : IGrainWithStringKey
{
    /// <summary>Journals whatever expiry is due, then answers like <see cref="IRegionGrain.GetAsync"/>.</summary>
    [Alias("ExpireThenGet")]
    Task<RegionSnapshot?> ExpireThenGetAsync();
}
