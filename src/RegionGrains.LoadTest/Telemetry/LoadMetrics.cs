using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RegionGrains.LoadTest.Telemetry;

/// <summary>
/// The run's own metrics as OpenTelemetry instruments: every operation it completes, by side (the scenario's target,
/// its baseline's, or warmup), kind and outcome, and its latency. Nothing listens unless <see cref="RunTelemetry"/>
/// exports them, and then an operation costs a counter and a histogram update.
/// </summary>
public static class LoadMetrics
{
    public const string MeterName = "RegionGrains.LoadTest";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        "regiongrains.loadtest.operations", "{operation}", "Operations the load tester completed, by side, kind and outcome (ok, refused, error).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "regiongrains.loadtest.operation.duration", "s", "Latency of the load tester's operations, from their intended start in an open loop.");

    public static void Record(string side, OperationKind kind, string outcome, TimeSpan latency)
    {
        if (!Operations.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "loadtest.side", side },
            { "loadtest.operation", kind.ToString().ToLowerInvariant() },
            { "loadtest.outcome", outcome },
        };
        Operations.Add(1, tags);
        Duration.Record(latency.TotalSeconds, tags);
    }
}
