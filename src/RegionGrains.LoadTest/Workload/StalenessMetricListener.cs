using System.Diagnostics.Metrics;
using RegionGrains.Abstractions;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// Listens to the grains' own staleness histogram (<c>regiongrains.footprint.staleness</c>, in ms: from the
/// oldest change a partition push carries to the coordinator's snapshot that includes it) and records it
/// into <see cref="Target"/> while one is set.
/// </summary>
public sealed class StalenessMetricListener : IDisposable
{
    public const string InstrumentName = "regiongrains.footprint.staleness";

    private readonly MeterListener _listener = new();
    private volatile LatencyRecorder? _target;

    public StalenessMetricListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetryNames.Meter && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _target?.Record(TimeSpan.FromMilliseconds(value)));
        _listener.Start();
    }

    public LatencyRecorder? Target
    {
        get => _target;
        set => _target = value;
    }

    public void Dispose() => _listener.Dispose();
}
