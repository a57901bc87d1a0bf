using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RegionGrains.Web.Tests.Infrastructure;

/// <summary>The gateway's API as the tests use it to change things behind the page's back.</summary>
public sealed class RegionsApi(HttpClient http)
{
    private static readonly string[] ToOnline = ["UnderConstruction", "Launching", "Online"];

    /// <summary>Defines a new region of the test's own (status Planned) and returns its id.</summary>
    public async Task<string> DefineAsync(string prefix, double latitude, double longitude, string geography = "Europe")
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..24];
        var response = await http.PutAsJsonAsync(
            $"/api/regions/{id}",
            new { displayName = $"Test {id}", countryCode = "DE", geography, latitude, longitude });
        await EnsureAsync(response, HttpStatusCode.Created);
        return id;
    }

    public async Task SetCapacityAsync(string id, string resource, long total) =>
        await EnsureAsync(await http.PutAsJsonAsync($"/api/regions/{id}/capacity/{resource}", new { total }), HttpStatusCode.OK);

    public async Task MoveAsync(string id, string status) =>
        await EnsureAsync(await http.PostAsJsonAsync($"/api/regions/{id}/status", new { status, reason = "browser test" }), HttpStatusCode.OK);

    /// <summary>Planned → UnderConstruction → Launching → Online, as the lifecycle asks.</summary>
    public async Task BringOnlineAsync(string id)
    {
        foreach (var status in ToOnline)
        {
            await MoveAsync(id, status);
        }
    }

    public async Task ReserveAsync(string id, string resource, long amount) =>
        await EnsureAsync(
            await http.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = $"web-{Guid.NewGuid():N}", resource, amount }),
            HttpStatusCode.Created);

    /// <summary>A reservation with any body the test gives (booked ahead, waiting), expecting <paramref name="expected"/>.</summary>
    public async Task ReserveAsync(string id, object body, HttpStatusCode expected) =>
        await EnsureAsync(await http.PostAsJsonAsync($"/api/regions/{id}/reservations", body), expected);

    /// <summary>A POST of any body to <paramref name="path"/>, expecting <paramref name="expected"/>.</summary>
    public async Task PostAsync(string path, object body, HttpStatusCode expected) =>
        await EnsureAsync(await http.PostAsJsonAsync(path, body), expected);

    public async Task<JsonElement> GetAsync(string path) => await http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>A GET whose status the test checks itself (a 400 and its problem document, say), with its body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetWithStatusAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
