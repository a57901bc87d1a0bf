using System.Diagnostics.Metrics;
using RegionGrains.Abstractions;

namespace RegionGrains.Grains.Footprint;

/// <summary>Metrics of the footprint aggregation.</summary>
public sealed class FootprintMetrics
{
    private readonly Histogram<double> _staleness;

    public FootprintMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.Meter);
        _staleness = meter.CreateHistogram<double>(
            "regiongrains.footprint.staleness",
            unit: "ms",
            description: "Time from a region change to the coordinator's first snapshot that includes it.");
    }

    public void RecordStaleness(TimeSpan staleness) => _staleness.Record(Math.Max(0, staleness.TotalMilliseconds));
}
