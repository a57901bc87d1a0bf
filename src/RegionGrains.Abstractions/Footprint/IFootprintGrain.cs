using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Footprint;

/// <summary>The coordinator: serves the global footprint and the region directory. Use key <see cref="Key"/>.</summary>
[Alias("RegionGrains.IFootprintGrain")]
public interface IFootprintGrain : IGrainWithStringKey
{
    /// <summary>The one key of the coordinator.</summary>
    public const string Key = "global";

    /// <summary>The current footprint snapshot.</summary>
    [Alias("Get")]
    Task<GlobalFootprint> GetAsync();

    /// <summary>Defined regions matching the filters, sorted by id.</summary>
    [Alias("ListRegions")]
    Task<ImmutableArray<RegionSnapshot>> ListRegionsAsync(RegionStatus? status = null, Geography? geography = null);

    /// <summary>Adds or refreshes an observer; call again before <see cref="ObserverLifetime"/> passes.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IFootprintObserver observer);

    /// <summary>Removes an observer.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IFootprintObserver observer);

    /// <summary>How long a subscription lasts without being refreshed.</summary>
    public static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(2);
}
