using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RegionGrains.Telemetry.Tests.Infrastructure;

namespace RegionGrains.Telemetry.Tests;

/// <summary>
/// The RegionGrains meter after known operations. Collectors listen to this host's meter factory only, and the
/// tests of one collection run one at a time, so every measurement seen is one of the test's own.
/// </summary>
[Collection(EmbeddedGatewayCollection.Name)]
public sealed class MetricTests(EmbeddedGateway gateway)
{
    private const string Meter = "RegionGrains";

    private IMeterFactory Meters => gateway.Services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task ReservationsAreCountedByOutcomeAndResource()
    {
        var client = gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client, "gpus", total: 10);
        using var reservations = new MetricCollector<long>(Meters, Meter, "regiongrains.reservations");

        Assert.Equal(HttpStatusCode.Created, (await Reserve(client, region, "a", "gpus", 4)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Reserve(client, region, "a", "gpus", 4)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Reserve(client, region, "b", "gpus", 7)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Reserve(client, region, "c", "tpus", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Reserve(client, region, "d", "gpus", 6)).StatusCode);

        var counted = reservations.GetMeasurementSnapshot()
            .GroupBy(m => ((string)m.Tags["regiongrains.outcome"]!, (string)m.Tags["regiongrains.resource"]!))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(
            new Dictionary<(string, string), long>
            {
                [("created", "gpus")] = 2,
                [("replayed", "gpus")] = 1,
                [("insufficient_capacity", "gpus")] = 1,
                // A pool the region does not have is folded into one value, whatever name the caller sent.
                [("insufficient_capacity", "_unknown")] = 1,
            },
            counted);
    }

    [Fact]
    public async Task StatusTransitionsAreCountedFromAndTo()
    {
        var client = gateway.CreateClient();
        using var transitions = new MetricCollector<long>(Meters, Meter, "regiongrains.region.status_transitions");

        var region = await Api.CreateOnlineRegionAsync(client);
        var refused = await client.PostAsJsonAsync($"/api/regions/{region}/status", new { status = "Planned", reason = "not allowed" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        (await client.PostAsJsonAsync($"/api/regions/{region}/status", new { status = "Degraded", reason = "power" })).EnsureSuccessStatusCode();

        var counted = transitions.GetMeasurementSnapshot()
            .Select(m => ((string)m.Tags["regiongrains.status.from"]!, (string)m.Tags["regiongrains.status.to"]!, m.Value))
            .ToArray();
        Assert.Equal(
            [
                ("Planned", "UnderConstruction", 1L),
                ("UnderConstruction", "Launching", 1L),
                ("Launching", "Online", 1L),
                ("Online", "Degraded", 1L),
            ],
            counted);
    }

    [Fact]
    public async Task CapacityAndUtilizationAreReportedPerRegionAndResource()
    {
        var client = gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client, "racks", total: 200);
        (await Reserve(client, region, "r1", "racks", 50)).EnsureSuccessStatusCode();
        using var total = new MetricCollector<long>(Meters, Meter, "regiongrains.region.capacity.total");
        using var reserved = new MetricCollector<long>(Meters, Meter, "regiongrains.region.capacity.reserved");
        using var utilization = new MetricCollector<double>(Meters, Meter, "regiongrains.region.utilization");

        total.RecordObservableInstruments();
        reserved.RecordObservableInstruments();
        utilization.RecordObservableInstruments();

        Assert.Equal(200, Of(total, region, "racks"));
        Assert.Equal(50, Of(reserved, region, "racks"));
        Assert.Equal(0.25, Of(utilization, region, "racks"));
    }

    [Fact]
    public async Task PrometheusScrapesTheDomainOrleansAndRuntimeMetricsFromSlashMetrics()
    {
        var client = gateway.CreateClient();
        var region = await Api.CreateOnlineRegionAsync(client);
        (await Reserve(client, region, "scrape", "gpus", 1)).EnsureSuccessStatusCode();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("regiongrains_reservations_total{", body, StringComparison.Ordinal);
        Assert.Contains("regiongrains_outcome=\"created\"", body, StringComparison.Ordinal);
        Assert.Contains("regiongrains_region_status_transitions_total{", body, StringComparison.Ordinal);
        Assert.Contains($"regiongrains_region_utilization{{", body, StringComparison.Ordinal);
        Assert.Contains($"regiongrains_region_id=\"{region}\"", body, StringComparison.Ordinal);
        Assert.Contains("regiongrains_footprint_staleness_milliseconds_bucket{", body, StringComparison.Ordinal);
        Assert.Contains("regiongrains_footprint_aggregation_lag_milliseconds{", body, StringComparison.Ordinal);
        Assert.Contains("\norleans_", body, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_gc_", body, StringComparison.Ordinal);
        Assert.Contains("\nhttp_server_request_duration_seconds_bucket{", body, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Reserve(HttpClient client, string region, string id, string resource, long amount) =>
        client.PostAsJsonAsync($"/api/regions/{region}/reservations", new { reservationId = $"{region}-{id}", resource, amount });

    private static T Of<T>(MetricCollector<T> collector, string region, string resource)
        where T : struct =>
        collector.GetMeasurementSnapshot()
            .Last(m => (string?)m.Tags["regiongrains.region.id"] == region && (string?)m.Tags["regiongrains.resource"] == resource)
            .Value;
}
