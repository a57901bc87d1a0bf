using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Telemetry;

/// <summary>
/// The region metrics of the <c>RegionGrains</c> meter: reservations by outcome, status transitions, and
/// capacity and utilization per region and resource. One per silo; counters need no locking and the gauges
/// read immutable snapshots, so grains record from their own threads while the exporter reads.
/// </summary>
public sealed class RegionMetrics
{
    private readonly Counter<long> _reservations;
    private readonly Counter<long> _transitions;
    private readonly ConcurrentDictionary<string, RegionSnapshot> _regions = new(StringComparer.Ordinal);
    private readonly int _limit;

    // Kept beside the dictionary because its Count takes every lock, and Track runs on every write.
    private int _tracked;

    public RegionMetrics(IMeterFactory meterFactory, IOptions<TelemetryOptions> options)
    {
        _limit = options.Value.RegionMetricsLimit;
        var meter = meterFactory.Create(TelemetryNames.Meter);
        _reservations = meter.CreateCounter<long>(
            "regiongrains.reservations",
            unit: "{reservation}",
            description: "Reservation requests a region answered, by outcome and resource.");
        _transitions = meter.CreateCounter<long>(
            "regiongrains.region.status_transitions",
            unit: "{transition}",
            description: "Region status changes, by from and to status.");
        meter.CreateObservableGauge(
            "regiongrains.region.capacity.total",
            () => Measure(static pool => pool.Total),
            unit: null,
            description: "Total of a capacity pool, per region and resource (regions active on this silo).");
        meter.CreateObservableGauge(
            "regiongrains.region.capacity.reserved",
            () => Measure(static pool => pool.Reserved),
            unit: null,
            description: "Reserved part of a capacity pool, per region and resource (regions active on this silo).");
        meter.CreateObservableGauge(
            "regiongrains.region.utilization",
            () => Measure(static pool => pool.Total == 0 ? 0d : (double)pool.Reserved / pool.Total),
            unit: "1",
            description: "Reserved over total of a capacity pool, 0 to 1, per region and resource (regions active on this silo).");
    }

    /// <summary>Counts one answered reservation request.</summary>
    /// <param name="outcome">What the region answered.</param>
    /// <param name="resource">The requested resource.</param>
    /// <param name="poolExists">
    /// Whether the region has that pool: names of pools that do not exist come from callers and are folded
    /// into one value, so that they cannot grow the metric without bound.
    /// </param>
    public void RecordReservation(RegionOutcome outcome, string resource, bool poolExists) =>
        _reservations.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.Outcome, TelemetryValues.Of(outcome)),
            new KeyValuePair<string, object?>(TelemetryTags.Resource, poolExists ? resource : TelemetryTags.UnknownResource));

    /// <summary>Counts one status change.</summary>
    public void RecordTransition(RegionStatus from, RegionStatus to) =>
        _transitions.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.StatusFrom, TelemetryValues.Of(from)),
            new KeyValuePair<string, object?>(TelemetryTags.StatusTo, TelemetryValues.Of(to)));

    /// <summary>Reports the region's pools from now on, or updates them (bounded by the limit).</summary>
    public void Track(RegionSnapshot region)
    {
        if (region.Capacity.IsEmpty)
        {
            return;
        }

        // One activation per region and silo, and its calls run one at a time: nothing else adds or
        // removes this region id concurrently, so the check and the write below cannot race.
        if (_regions.ContainsKey(region.Id))
        {
            _regions[region.Id] = region;
        }
        else if (Volatile.Read(ref _tracked) < _limit && _regions.TryAdd(region.Id, region))
        {
            Interlocked.Increment(ref _tracked);
        }
    }

    /// <summary>Stops reporting a region, when it leaves this silo; the silo it moves to reports it then.</summary>
    public void Forget(string regionId)
    {
        if (_regions.TryRemove(regionId, out _))
        {
            Interlocked.Decrement(ref _tracked);
        }
    }

    private IEnumerable<Measurement<T>> Measure<T>(Func<CapacityPool, T> value)
        where T : struct
    {
        foreach (var region in _regions.Values)
        {
            foreach (var (resource, pool) in region.Capacity)
            {
                yield return new Measurement<T>(
                    value(pool),
                    new KeyValuePair<string, object?>(TelemetryTags.RegionId, region.Id),
                    new KeyValuePair<string, object?>(TelemetryTags.Resource, resource));
            }
        }
    }
}
