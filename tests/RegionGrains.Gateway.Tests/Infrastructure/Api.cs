using System.Net.Http.Json;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>Small request helpers that keep the tests about behaviour.</summary>
public static class Api
{
    public static string NewRegionId() => $"gw-{Guid.NewGuid():N}"[..30];

    public static object Definition(string name = "Test region") =>
        new { displayName = name, countryCode = "FR", geography = "Europe", latitude = 48.85, longitude = 2.35 };

    /// <summary>Creates a region through the API and walks it to Online with one pool.</summary>
    public static async Task<string> CreateOnlineRegionAsync(HttpClient client, string resource = "gpus", long total = 100)
    {
        var id = NewRegionId();
        await CreateOnlineRegionAtAsync(client, id, resource, total);
        return id;
    }

    /// <summary>Creates region <paramref name="id"/> through the API and walks it to Online with one pool.</summary>
    public static async Task CreateOnlineRegionAtAsync(HttpClient client, string id, string resource = "gpus", long total = 100)
    {
        (await client.PutAsJsonAsync($"/api/regions/{id}", Definition())).EnsureSuccessStatusCode();
        foreach (var status in new[] { "UnderConstruction", "Launching", "Online" })
        {
            (await client.PostAsJsonAsync($"/api/regions/{id}/status", new { status, reason = "setup" })).EnsureSuccessStatusCode();
        }

        (await client.PutAsJsonAsync($"/api/regions/{id}/capacity/{resource}", new { total })).EnsureSuccessStatusCode();
    }
}
