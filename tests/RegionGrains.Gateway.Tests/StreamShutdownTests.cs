using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Gateway.Tests.Infrastructure;
using RegionGrains.Testing;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Event streams end with their request and with the gateway, for every caller: an anonymous caller on loopback, whose
/// streams count only in the gateway's total, included.
/// </summary>
public sealed class StreamShutdownTests
{
    [Fact]
    public async Task StreamsOfAnonymousLoopbackCallersEndWithTheirRequestAndTheGatewayStopsCleanly()
    {
        var gateway = new GatewayFactory(GatewayFactory.NewDataDirectory());
        gateway.UseKestrel(0);
        gateway.StartServer();
        Exception? stopping;
        try
        {
            // ASP.NET Core's own count of requests in progress, on this gateway's meters only.
            var meters = gateway.Services.GetRequiredService<IMeterFactory>();
            long active = 0;
            using var requests = new MeterListener();
            requests.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "http.server.active_requests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            requests.SetMeasurementEventCallback<long>((_, delta, _, _) => Interlocked.Add(ref active, delta));
            requests.Start();

            using var client = gateway.CreateClient();
            var id = await Api.CreateOnlineRegionAsync(client);
            using (var left = await OpenAsync(client, $"/api/regions/{id}/events"))
            {
                Assert.Equal(1, Interlocked.Read(ref active));
            }

            // The stream whose client left ends with its request (it would otherwise go on catching up with the region).
            await Eventually.Until(() => Task.FromResult(Interlocked.Read(ref active)), n => n == 0, TimeSpan.FromSeconds(20), "the stream whose client left to end its request");

            using var open = await OpenAsync(client, $"/api/regions/{id}/events");
            using var footprint = await OpenAsync(client, "/api/footprint/events");
            Assert.Equal(2, Interlocked.Read(ref active));
        }
        finally
        {
            stopping = await Record.ExceptionAsync(() => gateway.DisposeAsync().AsTask());
        }

        Assert.Null(stopping);
    }

    /// <summary>Opens a stream and reads it up to its first event's data.</summary>
    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line && !line.StartsWith("data:", StringComparison.Ordinal))
        {
        }

        return response;
    }
}
