using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Catalog;

/// <summary>
/// Creates the catalog's regions that do not exist yet once the silo is active. Existing regions are
/// never touched, so a restart (or several silos starting at once) cannot overwrite live changes.
/// </summary>
internal sealed partial class CatalogSeeder(
    IGrainFactory grains,
    IOptions<CatalogOptions> options,
    IHostEnvironment environment,
    ILogger<CatalogSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int SeedAttempts = 5;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CatalogSeeder), ServiceLifecycleStage.Active, SeedAsync);

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }

        var path = Path.IsPathRooted(options.Value.Path)
            ? options.Value.Path
            : Path.Combine(AppContext.BaseDirectory, options.Value.Path);
        if (!File.Exists(path))
        {
            path = Path.Combine(environment.ContentRootPath, options.Value.Path);
        }

        var catalog = await CatalogFile.LoadAsync(path, cancellationToken);
        var results = await Task.WhenAll(catalog.Regions.Select(r => SeedWithRetriesAsync(r, cancellationToken)));
        LogSeeded(results.Count(r => r is { Outcome: RegionOutcome.Created }), catalog.Regions.Count, path);
        foreach (var refused in results.Where(r => r is { Succeeded: false }))
        {
            LogRefused(refused!.Detail);
        }
    }

    /// <summary>
    /// A seed call can fail while the cluster is settling (a peer that died but is not yet declared dead
    /// still owns the grain). Retry for a bounded time, then report the failure instead of failing the
    /// silo's start: seeding is idempotent, and the next silo start seeds what is still missing.
    /// Returns null when the cluster kept failing: that says nothing about the catalog entry itself.
    /// </summary>
    private async Task<RegionResult?> SeedWithRetriesAsync(CatalogRegion region, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SeedOneAsync(region);
            }
            catch (Exception exception) when (attempt < SeedAttempts && !cancellationToken.IsCancellationRequested)
            {
                LogSeedRetry(exception, region.Id, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogSeedFailed(exception, region.Id, attempt);
                return null;
            }
        }
    }

    private Task<RegionResult> SeedOneAsync(CatalogRegion region)
    {
        if (!RegionNames.IsValidRegionId(region.Id))
        {
            return Task.FromResult(new RegionResult(RegionOutcome.Invalid, null, $"Catalog region id '{region.Id}' is not valid."));
        }

        var definition = new RegionDefinition(
            region.DisplayName,
            region.CountryCode,
            region.Geography,
            region.Latitude,
            region.Longitude,
            region.Kind ?? SiteKind.DataCenter,
            [.. region.Languages ?? []],
            region.SupportHours);
        var capacity = (region.Capacity ?? ImmutableDictionary<string, long>.Empty).ToImmutableDictionary();
        return grains.GetGrain<IRegionGrain>(region.Id).SeedAsync(definition, region.Status, capacity);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding catalog region {RegionId} failed (attempt {Attempt}); retrying")]
    private partial void LogSeedRetry(Exception exception, string regionId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding catalog region {RegionId} failed {Attempts} times; the cluster did not answer, the entry is not at fault, and a later start seeds it")]
    private partial void LogSeedFailed(Exception exception, string regionId, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog seeded {Created} new of {Count} regions from {Path}")]
    private partial void LogSeeded(int created, int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog entry refused: {Detail}")]
    private partial void LogRefused(string? detail);
}
