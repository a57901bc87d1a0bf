using System.Diagnostics;
using System.Net.Http.Json;

namespace RegionGrains.Telemetry.Tests.Infrastructure;

/// <summary>Request helpers that keep the tests about telemetry.</summary>
public static class Api
{
    public static string NewRegionId() => $"tel-{Guid.NewGuid():N}"[..30];

    /// <summary>Creates a region through the API and walks it to Online with one pool.</summary>
    public static async Task<string> CreateOnlineRegionAsync(HttpClient client, string resource = "gpus", long total = 100)
    {
        var id = NewRegionId();
        var definition = new { displayName = "Telemetry test", countryCode = "FR", geography = "Europe", latitude = 48.85, longitude = 2.35 };
        (await client.PutAsJsonAsync($"/api/regions/{id}", definition)).EnsureSuccessStatusCode();
        foreach (var status in new[] { "UnderConstruction", "Launching", "Online" })
        {
            (await client.PostAsJsonAsync($"/api/regions/{id}/status", new { status, reason = "setup" })).EnsureSuccessStatusCode();
        }

        (await client.PutAsJsonAsync($"/api/regions/{id}/capacity/{resource}", new { total })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A caller's trace context: a new trace id and the caller's own span id, sampled.</summary>
    public static (ActivityTraceId TraceId, ActivitySpanId CallerSpanId, string Header) NewTraceparent()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        return (traceId, spanId, $"00-{traceId}-{spanId}-01");
    }

    /// <summary>Posts a reservation carrying <paramref name="traceparent"/>.</summary>
    public static Task<HttpResponseMessage> ReserveAsync(HttpClient client, string regionId, string traceparent, string resource = "gpus", long amount = 4)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/regions/{regionId}/reservations")
        {
            Content = JsonContent.Create(new { reservationId = $"r-{Guid.NewGuid():N}", resource, amount }),
        };
        request.Headers.Add("traceparent", traceparent);
        return client.SendAsync(request);
    }
}
