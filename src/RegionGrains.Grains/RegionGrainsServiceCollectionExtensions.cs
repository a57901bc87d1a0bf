using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RegionGrains.Grains.Catalog;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains;

/// <summary>Registers what the grains need in a silo.</summary>
public static class RegionGrainsServiceCollectionExtensions
{
    /// <summary>Adds the grains' options, clock, metrics and the catalog seeder.</summary>
    public static IServiceCollection AddRegionGrains(this IServiceCollection services)
    {
        services.AddOptions<RegionGrainOptions>().BindConfiguration(RegionGrainOptions.Section)
            .Validate(o => o.HistoryLimit >= 1 && o.FinishedReservationMemory >= 0, "HistoryLimit must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<FootprintOptions>().BindConfiguration(FootprintOptions.Section)
            .Validate(o => o.Partitions is >= 1 and <= 4096, "Partitions must be 1 to 4096.")
            .Validate(o => o.PushInterval > TimeSpan.Zero && o.NotifyInterval > TimeSpan.Zero, "Intervals must be positive.")
            .ValidateOnStart();
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateOnStart();
        services.TryAddKeyedSingleton(GrainClock.Key, TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<FootprintMetrics>();
        services.AddOptions<RegionTelemetryOptions>().BindConfiguration(RegionTelemetryOptions.Section)
            .Validate(o => o.RegionMetricsLimit >= 0, "RegionMetricsLimit must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<RegionMetrics>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CatalogSeeder>();
        return services;
    }
}
