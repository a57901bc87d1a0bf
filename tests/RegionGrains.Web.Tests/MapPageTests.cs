using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RegionGrains.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RegionGrains.Web.Tests;

/// <summary>The live map at <c>/</c>, in a real Chromium, against a real cluster of processes.</summary>
[Collection(WebCollection.Name)]
public sealed class MapPageTests(WebFixture fixture)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(15);

    [BrowserFact]
    public async Task ThePageShowsOneMarkerPerCatalogRegionWithoutConsoleErrorsOrRequestsLeavingTheMachine()
    {
        var map = await fixture.OpenAsync();
        await map.OpenAsync();

        // The oracle is the catalog file the silos seeded from, not the API under the page.
        var catalog = CatalogRegionIds();
        foreach (var id in catalog)
        {
            await Expect(map.Marker(id)).ToHaveCountAsync(1);
        }

        var listed = (await fixture.Api.GetAsync("/api/regions")).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        await Expect(map.Markers).ToHaveCountAsync(listed.Count);
        await map.ScreenshotAsync("map-light.png");

        Assert.Empty(map.ConsoleErrors);
        Assert.Empty(map.LeavingRequests);
    }

    [BrowserFact]
    public async Task ThePanelsTotalsEqualTheApisFootprint()
    {
        var map = await fixture.OpenAsync();
        await map.OpenAsync();

        var footprint = await fixture.Api.GetAsync("/api/footprint");
        await map.WaitForSummaryAsync(MapPage.Expected(footprint), "the panel to show GET /api/footprint");
    }

    [BrowserFact]
    public async Task AStatusChangeAndAReservationMadeThroughTheApiAppearWithoutAReload()
    {
        var id = await fixture.Api.DefineAsync("web-live", 47.0, 15.0);
        await fixture.Api.SetCapacityAsync(id, "gpus", 100);
        var map = await fixture.OpenAsync();
        await map.OpenAsync();
        await Expect(map.Marker(id)).ToHaveAttributeAsync("data-status", "Planned");

        await fixture.Api.BringOnlineAsync(id);
        await Expect(map.Marker(id)).ToHaveAttributeAsync("data-status", "Online", new() { Timeout = (float)Live.TotalMilliseconds });

        // Settled: the panel equals the API; then a reservation of 30 must add exactly 30 to what it shows.
        await map.WaitForSummaryAsync(MapPage.Expected(await fixture.Api.GetAsync("/api/footprint")), "the panel to settle on the footprint");
        var before = (await map.SummaryAsync()).GetProperty("resources").GetProperty("gpus");
        await map.Marker(id).ClickAsync();
        await Expect(map.Page.Locator("#region-pools [data-resource='gpus'] [data-field='reserved']")).ToHaveAttributeAsync("data-value", "0");

        await fixture.Api.ReserveAsync(id, "gpus", 30);

        var gpus = map.Page.Locator("#resources [data-resource='gpus']");
        await Expect(gpus.Locator("[data-field='reserved']")).ToHaveAttributeAsync("data-value", (before.GetProperty("reserved").GetInt64() + 30).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(gpus.Locator("[data-field='available']")).ToHaveAttributeAsync("data-value", (before.GetProperty("available").GetInt64() - 30).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(map.Page.Locator("#region-pools [data-resource='gpus'] [data-field='reserved']")).ToHaveAttributeAsync("data-value", "30");
        await Expect(map.Page.Locator("#details [data-field='reservations']")).ToHaveAttributeAsync("data-value", "1");
        Assert.True(await map.WasNeverReloadedAsync(), "The page was reloaded; the change should have arrived over the event stream.");
    }

    [BrowserFact]
    public async Task AfterTheGatewayRestartsThePageReconnectsAndShowsAChangeMadeAfterIt()
    {
        var id = await fixture.Api.DefineAsync("web-restart", 40.0, -3.7);
        var map = await fixture.OpenAsync();
        await map.OpenAsync();
        await Expect(map.Marker(id)).ToHaveAttributeAsync("data-status", "Planned");
        var connections = await map.ConnectionsAsync();

        await fixture.Cluster.RestartGatewayAsync();
        await fixture.Api.MoveAsync(id, "UnderConstruction");

        try
        {
            await Expect(map.Marker(id)).ToHaveAttributeAsync("data-status", "UnderConstruction", new() { Timeout = 45_000 });
        }
        catch (PlaywrightException exception)
        {
            Assert.Fail($"{exception.Message}\npage: {await map.DiagnosticsAsync()}\n{fixture.Cluster.Diagnostics()}");
        }
        await Expect(map.Page.Locator("body")).ToHaveAttributeAsync("data-stream", "open");
        Assert.True(await map.ConnectionsAsync() > connections, "The page should have opened a new event stream after the restart.");
        Assert.True(await map.WasNeverReloadedAsync(), "The page was reloaded; it should reconnect by itself.");
    }

    [BrowserFact]
    public async Task FiltersByStatusAndGeographyHideAndShowMarkers()
    {
        var map = await fixture.OpenAsync();
        await map.OpenAsync();
        var online = map.Page.Locator(".marker[data-status='Online']");
        var planned = map.Page.Locator(".marker[data-status='Planned']");
        await Expect(online.First).ToBeVisibleAsync();

        await map.Page.Locator("[data-filter-status='Online']").UncheckAsync();
        await Expect(online.Locator("visible=true")).ToHaveCountAsync(0);
        await Expect(planned.First).ToBeVisibleAsync();

        await map.Page.Locator("[data-filter-status='Online']").CheckAsync();
        await Expect(online.Locator("visible=true")).ToHaveCountAsync(await online.CountAsync());

        var europe = map.Page.Locator(".marker[data-geography='Europe']");
        await map.Page.Locator("[data-filter-geography='Europe']").UncheckAsync();
        await Expect(europe.Locator("visible=true")).ToHaveCountAsync(0);
        await Expect(map.Page.Locator(".marker[data-geography='AsiaPacific']").First).ToBeVisibleAsync();
        await map.Page.Locator("[data-filter-geography='Europe']").CheckAsync();
        await Expect(europe.Locator("visible=true")).ToHaveCountAsync(await europe.CountAsync());
    }

    [BrowserFact]
    public async Task ARegionsPanelShowsItsHistoryNewestFirst()
    {
        var id = await fixture.Api.DefineAsync("web-history", -10.0, -55.0, "Americas");
        await fixture.Api.SetCapacityAsync(id, "racks", 40);
        await fixture.Api.MoveAsync(id, "UnderConstruction");
        var map = await fixture.OpenAsync();
        await map.OpenAsync();

        // By keyboard: the marker takes focus and Enter opens it.
        await map.Marker(id).FocusAsync();
        await map.Page.Keyboard.PressAsync("Enter");

        await Expect(map.Page.Locator("#details")).ToHaveAttributeAsync("data-region-id", id);
        var kinds = map.Page.Locator("#history li");
        await Expect(kinds).ToHaveCountAsync(3);
        Assert.Equal(["StatusChanged", "CapacitySet", "Defined"], await kinds.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)"));
        await map.ScreenshotAsync("map-region-details.png");

        await map.Page.Keyboard.PressAsync("Escape");
        await Expect(map.Page.Locator("#details")).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task ARegionsPanelShowsItsScheduledChangesWaitlistedDemandAndBookingsAhead()
    {
        var id = await fixture.Api.DefineAsync("web-ahead", -40.0, -120.0, "Americas");
        await fixture.Api.BringOnlineAsync(id);
        await fixture.Api.SetCapacityAsync(id, "gpus", 10);
        await fixture.Api.ReserveAsync(id, "gpus", 10);
        await fixture.Api.ReserveAsync(id, new { reservationId = "wait-a", resource = "gpus", amount = 4, waitSeconds = 3600 }, HttpStatusCode.Accepted);
        await fixture.Api.ReserveAsync(id, new { reservationId = "wait-b", resources = new { gpus = 2 }, waitSeconds = 3600 }, HttpStatusCode.Accepted);
        var start = DateTimeOffset.UtcNow.AddYears(1);
        await fixture.Api.SetCapacityAsync(id, "gpus", 30);
        await fixture.Api.ReserveAsync(
            id,
            new { reservationId = "later", resource = "gpus", amount = 14, startsAt = $"{start:yyyy-MM-dd}T00:00:00Z", endsAt = $"{start.AddDays(30):yyyy-MM-dd}T00:00:00Z" },
            HttpStatusCode.Created);
        await fixture.Api.PostAsync(
            $"/api/regions/{id}/schedule",
            new { at = $"{start:yyyy-MM-dd}T06:00:00Z", status = "Maintenance", reason = "yearly service", capacity = new { gpus = 40 } },
            HttpStatusCode.Created);
        var map = await fixture.OpenAsync();
        await map.OpenAsync();

        await map.Marker(id).FocusAsync();
        await map.Page.Keyboard.PressAsync("Enter");

        // The higher total granted both waiters at once; the booking ahead is listed with its interval.
        await Expect(map.Page.Locator("#ahead")).ToBeVisibleAsync();
        await Expect(map.Page.Locator("#ahead [data-list=scheduled] li")).ToHaveCountAsync(1);
        await Expect(map.Page.Locator("#ahead [data-list=scheduled] li")).ToContainTextAsync("14 gpus");
        await Expect(map.Page.Locator("#ahead [data-list=waiting]")).ToHaveCountAsync(0);
        await Expect(map.Page.Locator("#ahead [data-list=schedule] li")).ToHaveCountAsync(1);
        await Expect(map.Page.Locator("#ahead [data-list=schedule] li")).ToContainTextAsync("Maintenance (yearly service), gpus total 40");
        await map.Page.Keyboard.PressAsync("Escape");

        var full = await fixture.Api.DefineAsync("web-wait", -45.0, -110.0, "Americas");
        await fixture.Api.BringOnlineAsync(full);
        await fixture.Api.SetCapacityAsync(full, "gpus", 4);
        await fixture.Api.ReserveAsync(full, "gpus", 4);
        await fixture.Api.ReserveAsync(full, new { reservationId = "wait-c", resource = "gpus", amount = 3, waitSeconds = 3600 }, HttpStatusCode.Accepted);
        await fixture.Api.ReserveAsync(full, new { reservationId = "wait-d", resource = "gpus", amount = 2, waitSeconds = 3600 }, HttpStatusCode.Accepted);
        await map.Marker(full).FocusAsync();
        await map.Page.Keyboard.PressAsync("Enter");

        await Expect(map.Page.Locator("#ahead [data-field=waiting]")).ToHaveTextAsync("2 waiting for 5 gpus");
        Assert.Equal(["wait-c", "wait-d"], await map.Page.Locator("#ahead [data-list=waiting] li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.reservationId)"));
        Assert.Empty(map.ConsoleErrors);
        Assert.Empty(map.LeavingRequests);
        await map.ScreenshotAsync("map-region-waitlist.png");
    }

    [BrowserFact]
    public async Task AFocusedMarkerKeepsTheKeyboardFocusWhenALiveUpdateRedrawsTheMap()
    {
        var id = await fixture.Api.DefineAsync("web-focus", 5.0, 20.0);
        var map = await fixture.OpenAsync();
        await map.OpenAsync();
        await map.Marker(id).FocusAsync();

        // A region defined now reaches the open page as a live update, which redraws and restacks the markers.
        var added = await fixture.Api.DefineAsync("web-focus-new", 7.0, 22.0);
        await Expect(map.Marker(added)).ToHaveCountAsync(1);

        await Expect(map.Marker(id)).ToBeFocusedAsync();
        await map.Page.Keyboard.PressAsync("Enter");
        await Expect(map.Page.Locator("#details")).ToHaveAttributeAsync("data-region-id", id);
        Assert.Empty(map.ConsoleErrors);
    }

    [BrowserFact]
    public async Task WithACredentialTheRegionPanelOffersTheLifecycleTransitionsAndEveryRequestCarriesIt()
    {
        var id = await fixture.Api.DefineAsync("web-operator", 60.0, 25.0);
        var map = await fixture.OpenAsync();
        var keys = new System.Collections.Concurrent.ConcurrentBag<(string Url, string? Key)>();
        map.Page.Request += (_, request) => keys.Add((request.Url, request.Headers.GetValueOrDefault("x-api-key")));
        await map.OpenAsync();
        await map.Page.Locator($"button.region-link[data-region-id='{id}']").ClickAsync();
        await Expect(map.Page.Locator("#details")).ToHaveAttributeAsync("data-region-id", id);
        await Expect(map.Page.Locator("[data-target-status]")).ToHaveCountAsync(0);

        await map.Page.Locator("#sign-in").ClickAsync();
        await map.Page.Locator("#credential-kind").SelectOptionAsync("apikey");
        await map.Page.Locator("#credential-value").FillAsync("operator-key-for-the-test");
        await map.Page.Locator("#credential-save").ClickAsync();

        // Planned may go to UnderConstruction or Decommissioned (DESIGN.md's lifecycle).
        await Expect(map.Page.Locator("[data-target-status]")).ToHaveCountAsync(2);
        await map.Page.Locator("#transition-reason").FillAsync("ground broken");
        await map.Page.Locator("[data-target-status='UnderConstruction']").ClickAsync();

        await Expect(map.Marker(id)).ToHaveAttributeAsync("data-status", "UnderConstruction", new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(map.Page.Locator("#history li").First).ToContainTextAsync("ground broken");
        var status = await fixture.Api.GetAsync($"/api/regions/{id}");
        Assert.Equal("UnderConstruction", status.GetProperty("status").GetString());
        Assert.Contains(keys, k => k.Url.EndsWith($"/api/regions/{id}/status", StringComparison.Ordinal) && k.Key == "operator-key-for-the-test");
        Assert.Contains(keys, k => k.Url.EndsWith("/api/footprint/events", StringComparison.Ordinal) && k.Key == "operator-key-for-the-test");
    }

    [BrowserFact]
    public async Task InTheDarkAndAtPhoneWidthThePageFitsItsWidth()
    {
        var dark = await fixture.OpenAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await dark.OpenAsync();
        Assert.Equal("rgb(15, 18, 22)", await dark.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await dark.ScreenshotAsync("map-dark.png");

        var phone = await fixture.OpenAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.OpenAsync();
        await Expect(phone.Markers.First).ToBeVisibleAsync();
        Assert.True(
            await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "At phone width the page scrolls sideways.");
        await phone.ScreenshotAsync("map-phone-dark.png");
    }

    private static List<string> CatalogRegionIds()
    {
        var path = Path.Combine(Path.GetDirectoryName(LocalCluster.GatewayAssemblyPath)!, "Catalog", "default-catalog.json");
        using var catalog = JsonDocument.Parse(File.ReadAllText(path));
        return catalog.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
    }
}
