using System.Collections.Immutable;
using Orleans.Concurrency;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Footprint;

/// <summary>The coordinator: serves the global footprint and the region directory. Use key <see cref="Key"/>.</summary>
[Alias("RegionGrains.IFootprintGrain")]
public interface IFootprintGrain : IGrainWithStringKey
{
    /// <summary>The one key of the coordinator.</summary>
    public const string Key = "global";

    /// <summary>The current footprint snapshot.</summary>
    /// <remarks>Returns an immutable snapshot reference, which is safe to read at any interleaving point.</remarks>
    [Alias("Get"), AlwaysInterleave, Idempotent]
    Task<GlobalFootprint> GetAsync();

    /// <summary>Defined regions matching the filters (status, geography, site kind; null matches any), sorted by id.</summary>
    /// <remarks>Touches no coordinator state, only fans out to the partitions, so it may interleave.</remarks>
    [Alias("ListRegions"), AlwaysInterleave, Idempotent]
    Task<ImmutableArray<RegionSnapshot>> ListRegionsAsync(RegionStatus? status = null, Geography? geography = null, SiteKind? kind = null);

    /// <summary>Adds or refreshes an observer; call again before <see cref="ObserverLifetime"/> passes.</summary>
    [Alias("Subscribe"), Idempotent]
    Task SubscribeAsync(IFootprintObserver observer);

    /// <summary>Removes an observer.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IFootprintObserver observer);

    /// <summary>How long a subscription lasts without being refreshed.</summary>
    public static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(2);
}
