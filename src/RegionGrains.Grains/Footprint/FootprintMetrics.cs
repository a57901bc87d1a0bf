using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Abstractions;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Footprint;

/// <summary>Metrics of the footprint aggregation: how far behind the regions the global snapshot is.</summary>
public sealed class FootprintMetrics
{
    private readonly Histogram<double> _staleness;
    // Per partition, the UTC ticks of its oldest unpushed change (0: none); a box so that updates do not allocate.
    private readonly ConcurrentDictionary<int, StrongBox<long>> _pending = new();
    private readonly TimeProvider _time;

    public FootprintMetrics(IMeterFactory meterFactory, [FromKeyedServices(GrainClock.Key)] TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(TelemetryNames.Meter);
        _staleness = meter.CreateHistogram<double>(
            "regiongrains.footprint.staleness",
            unit: "ms",
            description: "Time from a region change to the coordinator's first snapshot that includes it.");
        meter.CreateObservableGauge(
            "regiongrains.footprint.aggregation.lag",
            MeasureLag,
            unit: "ms",
            description: "Age of the oldest change a footprint partition holds that the coordinator does not have yet; 0 when up to date. " +
                "Unlike the staleness histogram it keeps growing while pushes fail.");
    }

    public void RecordStaleness(TimeSpan staleness) => _staleness.Record(Math.Max(0, staleness.TotalMilliseconds));

    /// <summary>What a partition on this silo holds back from the coordinator: the time of its oldest unpushed change, or null.</summary>
    public void SetPending(int partition, DateTimeOffset? oldestChange) =>
        Volatile.Write(ref _pending.GetOrAdd(partition, static _ => new StrongBox<long>()).Value, oldestChange?.UtcTicks ?? 0);

    /// <summary>The partition left this silo; the silo it activates on reports it from then on.</summary>
    public void ForgetPartition(int partition) => _pending.TryRemove(partition, out _);

    private IEnumerable<Measurement<double>> MeasureLag()
    {
        var now = _time.GetUtcNow().UtcTicks;
        foreach (var (partition, oldest) in _pending)
        {
            var ticks = Volatile.Read(ref oldest.Value);
            var lag = ticks == 0 ? 0 : Math.Max(0, (double)(now - ticks) / TimeSpan.TicksPerMillisecond);
            yield return new Measurement<double>(lag, new KeyValuePair<string, object?>(TelemetryTags.Partition, partition));
        }
    }
}
