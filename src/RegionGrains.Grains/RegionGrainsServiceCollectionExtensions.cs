using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions;
using RegionGrains.Grains.Catalog;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Migration;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Grains.Telemetry;
using RegionGrains.Grains.Webhooks;
using RegionGrains.Journal;

namespace RegionGrains.Grains;

/// <summary>Registers what the grains need in a silo.</summary>
public static class RegionGrainsServiceCollectionExtensions
{
    /// <summary>Adds the grains' options, clock, metrics and the catalog seeder.</summary>
    public static IServiceCollection AddRegionGrains(this IServiceCollection services)
    {
        services.AddOptions<RegionGrainOptions>().BindConfiguration(RegionGrainOptions.Section)
            .Validate(o => o.FinishedReservationMemory >= 0, "FinishedReservationMemory must not be negative.")
            .Validate(o => o.ChangeLease >= TimeSpan.FromSeconds(1) && o.DecisionRetryInterval > TimeSpan.Zero, "ChangeLease must be at least a second, DecisionRetryInterval positive.")
            .Validate(o => o.EndedScheduleMemory >= 0, "EndedScheduleMemory must not be negative.")
            .Validate(o => o.WakeUpPeriod >= TimeSpan.FromSeconds(1), "WakeUpPeriod must be at least a second.")
            .ValidateOnStart();

        // Orleans refuses reminder periods under its minimum (a minute by default); a shorter wake-up period lowers it.
        services.AddOptions<ReminderOptions>().PostConfigure<IOptions<RegionGrainOptions>>((reminders, regions) =>
        {
            if (regions.Value.WakeUpPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = regions.Value.WakeUpPeriod;
            }
        });
        services.AddOptions<RegionJournalOptions>().BindConfiguration(RegionJournalOptions.Section)
            .Validate(o => o.SnapshotEvery >= 1, "SnapshotEvery must be at least 1.")
            .Validate(o => o.HistoryRetained >= 1_000, "HistoryRetained must be at least 1000 (the API promises the last 1,000 events).")
            .ValidateOnStart();
        services.TryAddSingleton<RegionJournal>();
        services.TryAddSingleton<RegionServices>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WholeStateMigration>();

        // Regions keep their journal in the cluster's store (its unnamed journal) unless a host names one for them.
        services.TryAddKeyedSingleton<IJournalStorage>(
            StorageNames.Regions, static (services, _) => services.GetRequiredService<IJournalStorage>());
        services.TryAddSingleton<FootprintOutbox>();

        // Partitions append their members to the journal registered under the footprint's name; a host that
        // registers none shares the regions' journal (the streams' names cannot meet a region's).
        services.TryAddKeyedSingleton<IJournalStorage>(
            StorageNames.Footprint, static (services, _) => services.GetRequiredKeyedService<IJournalStorage>(StorageNames.Regions));
        services.TryAddSingleton<PartitionMemberJournal>();
        services.TryAddKeyedSingleton<IJournalStorage>(
            StorageNames.Placement, static (services, _) => services.GetRequiredKeyedService<IJournalStorage>(StorageNames.Regions));
        services.TryAddKeyedSingleton<IJournalStorage>(
            StorageNames.Consumers, static (services, _) => services.GetRequiredKeyedService<IJournalStorage>(StorageNames.Regions));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<FootprintOutbox>());
        services.AddOptions<FootprintOptions>().BindConfiguration(FootprintOptions.Section)
            .Validate(o => o.Partitions is >= 1 and <= 4096, "Partitions must be 1 to 4096.")
            .Validate(o => o.PushInterval > TimeSpan.Zero && o.NotifyInterval > TimeSpan.Zero && o.ChangeWriteInterval >= TimeSpan.Zero, "Intervals must be positive.")
            .Validate(o => o.OutboxDelay >= TimeSpan.Zero && o.OutboxDelay <= TimeSpan.FromSeconds(1), "OutboxDelay must be from zero to one second.")
            .ValidateOnStart();
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateOnStart();
        services.TryAddKeyedSingleton(GrainClock.Key, TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<FootprintMetrics>();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.RegionMetricsLimit >= 0, "RegionMetricsLimit must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<RegionMetrics>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CatalogSeeder>();
        services.AddWebhooks();
        return services;
    }
}
