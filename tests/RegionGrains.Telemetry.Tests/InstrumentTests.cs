using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Telemetry.Tests;

/// <summary>The gauges' own rules, on instruments outside any host.</summary>
public sealed class InstrumentTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void AggregationLagIsTheAgeOfThePartitionsOldestUnpushedChange()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var metrics = new FootprintMetrics(Meters, clock);
        using var lag = new MetricCollector<double>(Meters, "RegionGrains", "regiongrains.footprint.aggregation.lag");

        metrics.SetPending(3, clock.GetUtcNow());
        metrics.SetPending(4, null);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        lag.RecordObservableInstruments();
        Assert.Equal(250, LastOf(lag, 3));
        Assert.Equal(0, LastOf(lag, 4));

        metrics.SetPending(3, null);
        metrics.ForgetPartition(4);
        lag.RecordObservableInstruments();
        Assert.Equal(0, LastOf(lag, 3));
        // A partition that left the silo is no longer reported: only the first scrape saw partition 4.
        Assert.Single(lag.GetMeasurementSnapshot(), m => (int)m.Tags["regiongrains.footprint.partition"]! == 4);
    }

    [Fact]
    public void PerRegionGaugesStopAtTheLimitAndMakeRoomWhenARegionLeaves()
    {
        var metrics = new RegionMetrics(Meters, Options.Create(new TelemetryOptions { RegionMetricsLimit = 2 }));
        using var total = new MetricCollector<long>(Meters, "RegionGrains", "regiongrains.region.capacity.total");

        metrics.Track(Region("a", 10));
        metrics.Track(Region("b", 20));
        metrics.Track(Region("c", 30));
        metrics.Track(Region("a", 11));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 11, ["b"] = 20 }, Scrape(total));

        metrics.Forget("a");
        metrics.Track(Region("c", 31));
        Assert.Equal(new Dictionary<string, long> { ["b"] = 20, ["c"] = 31 }, Scrape(total));
    }

    public void Dispose() => _services.Dispose();

    private static double LastOf(MetricCollector<double> collector, int partition) =>
        collector.GetMeasurementSnapshot().Last(m => (int)m.Tags["regiongrains.footprint.partition"]! == partition).Value;

    private static Dictionary<string, long> Scrape(MetricCollector<long> collector)
    {
        collector.Clear();
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["regiongrains.region.id"]!, m => m.Value);
    }

    private static RegionSnapshot Region(string id, long gpus) => new(
        id,
        new RegionDefinition("Test", "FR", Geography.Europe, 48.85, 2.35),
        RegionStatus.Online,
        ImmutableSortedDictionary<string, CapacityPool>.Empty.Add("gpus", new CapacityPool(gpus, 0)),
        0,
        1,
        DateTimeOffset.UnixEpoch);
}
