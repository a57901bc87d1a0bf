using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// What every region activation uses, resolved once per silo. An activation keeps one reference to this instead of one
/// to each service (and a rules object of its own): a silo holds a region activation per region it serves, and its
/// size is one of the quality bars (docs/benchmarks.md, "Activations on one silo").
/// </summary>
internal sealed class RegionServices(
    RegionJournal journal,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    IOptions<RegionGrainOptions> options,
    FootprintOutbox footprint,
    RegionMetrics metrics,
    ILogger<RegionGrain> logger)
{
    public RegionJournal Journal { get; } = journal;

    public TimeProvider Time { get; } = time;

    public RegionGrainOptions Options { get; } = options.Value;

    /// <summary>The domain rules: pure functions of the options, shared by every region.</summary>
    public RegionRules Rules { get; } = new(options.Value);

    public FootprintOutbox Footprint { get; } = footprint;

    public RegionMetrics Metrics { get; } = metrics;

    public ILogger Logger { get; } = logger;
}
