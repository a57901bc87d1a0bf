using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RegionGrains.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RegionGrains.Web.Tests;

/// <summary>The side panel's "Find capacity" form, against <c>GET /api/placement/candidates</c> asked by the test itself.</summary>
[Collection(WebCollection.Name)]
public sealed class FindCapacityTests(WebFixture fixture)
{
    /// <summary>Each listed candidate as one line: rank, region, per resource available/utilization, distance.</summary>
    private const string ReadCandidates = """
        items => items.map(li => [
          li.dataset.rank,
          li.dataset.regionId,
          ...[...li.querySelectorAll('[data-resource]')].map(r =>
            `${r.dataset.resource}=${r.querySelector('[data-field="available"]').dataset.value}/${r.querySelector('[data-field="utilization"]').dataset.value}`),
          li.querySelector('[data-field="distanceKm"]')?.dataset.value ?? 'no distance',
        ])
        """;

    [BrowserFact]
    public async Task TheCandidatesNearTheOpenRegionAreTheApisInItsOrderAndOnlyTheyAreHighlightedUntilCleared()
    {
        var map = await fixture.OpenAsync();
        await map.OpenAsync();
        var page = map.Page;

        // Tokyo is Planned, so it is no candidate itself; the Online data centers of Asia Pacific are ranked by distance from it.
        var tokyo = await fixture.Api.GetAsync("/api/regions/jp-tokyo");
        var near = string.Create(CultureInfo.InvariantCulture, $"{tokyo.GetProperty("latitude").GetDouble():R},{tokyo.GetProperty("longitude").GetDouble():R}");
        await page.Locator("button.region-link[data-region-id='jp-tokyo']").ClickAsync();
        await Expect(page.Locator("#details")).ToHaveAttributeAsync("data-region-id", "jp-tokyo");

        await page.Locator("#placement-amount-gpus").FillAsync("64");
        await page.Locator("#placement-amount-racks").FillAsync("2");
        await page.Locator("#placement-geography").SelectOptionAsync("AsiaPacific");
        await page.Locator("#placement-status").SelectOptionAsync("Online");
        await page.Locator("#placement-near-region").ClickAsync();
        await Expect(page.Locator("#placement-policy")).ToHaveValueAsync("nearest");
        await page.Locator("#placement-find").ClickAsync();
        await Expect(page.Locator("#placement-results")).ToHaveAttributeAsync("data-state", "done");

        var answer = await fixture.Api.GetAsync($"/api/placement/candidates?resources=gpus:64,racks:2&geography=AsiaPacific&status=Online&near={near}&policy=nearest&limit=10");
        var candidates = answer.GetProperty("candidates").EnumerateArray().ToList();
        Assert.True(candidates.Count >= 2, $"The default catalog should give several Online data centers in Asia Pacific, so that the order means something; the API answered {answer}.");
        var expected = candidates.Select((c, i) => Line(i + 1, c)).ToList();

        var shown = await page.Locator("#placement-list > li").EvaluateAllAsync<string[][]>(ReadCandidates);
        Assert.Equal(expected, shown.Select(Normalized).ToList());
        Assert.Equal("nearest", await page.Locator("#placement-meta").GetAttributeAsync("data-policy"));
        var asOf = DateTimeOffset.Parse(await page.Locator("#placement-meta").GetAttributeAsync("data-as-of") ?? "", CultureInfo.InvariantCulture);
        Assert.True(asOf <= answer.GetProperty("asOf").GetDateTimeOffset(), $"The page's asOf {asOf:O} is later than the test's own answer's.");

        // Exactly those markers, each with its rank on it, and the first one set apart.
        var ranked = candidates.Select((c, i) => $"{i + 1} {c.GetProperty("regionId").GetString()} badge {i + 1}").Order(StringComparer.Ordinal);
        var highlighted = await page.Locator(".marker.candidate").EvaluateAllAsync<string[]>(
            "markers => markers.map(m => `${m.dataset.rank} ${m.dataset.regionId} badge ${m.querySelector('text.rank')?.textContent}`)");
        Assert.Equal(ranked, highlighted.Order(StringComparer.Ordinal));
        await Expect(page.Locator(".marker.candidate-first")).ToHaveAttributeAsync("data-region-id", candidates[0].GetProperty("regionId").GetString()!);
        await Expect(page.Locator(".near-point")).ToBeVisibleAsync();
        await map.ScreenshotAsync("map-find-capacity.png");

        await page.Locator("#placement-clear").ClickAsync();
        await Expect(page.Locator(".marker.candidate")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-rank]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".near-point")).ToBeHiddenAsync();
        await Expect(page.Locator("#placement-amount-gpus")).ToHaveValueAsync("");
        Assert.Empty(map.ConsoleErrors);
    }

    [BrowserFact]
    public async Task AnAmountTheApiRefusesShowsTheApisMessageAndRemovesTheHighlight()
    {
        var map = await fixture.OpenAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await map.OpenAsync();
        var page = map.Page;
        await page.Locator("#placement-amount-gpus").FillAsync("64");
        await page.Locator("#placement-find").ClickAsync();
        await Expect(page.Locator(".marker.candidate").First).ToBeVisibleAsync();
        await map.ScreenshotAsync("map-find-capacity-dark.png");

        // By keyboard this time: Enter in a field submits the form.
        await page.Locator("#placement-amount-gpus").FillAsync("0");
        await page.Locator("#placement-amount-gpus").PressAsync("Enter");

        var (status, problem) = await fixture.Api.GetWithStatusAsync("/api/placement/candidates?resources=gpus:0&policy=spread&limit=10");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("urn:regiongrains:problem:validation", problem.GetProperty("type").GetString());
        var message = problem.GetProperty("errors").GetProperty("resources")[0].GetString()!;
        Assert.Contains("gpus:0", message, StringComparison.Ordinal);

        await Expect(page.Locator("#placement-errors li[data-field='resources']")).ToHaveTextAsync(message);
        await Expect(page.Locator("#placement-amount-gpus")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".marker.candidate")).ToHaveCountAsync(0);
        await Expect(page.Locator("#placement-list")).ToHaveCountAsync(0);
        await map.ScreenshotAsync("map-find-capacity-refused-dark.png");

        // Chromium logs the refused request itself as a console error; anything else would be the page's own.
        Assert.All(map.ConsoleErrors, error => Assert.Matches(@"status of 400 .*/api/placement/candidates\?", error));
    }

    private static string Line(int rank, JsonElement candidate)
    {
        var available = candidate.GetProperty("available");
        var utilization = candidate.GetProperty("utilization");
        var distance = candidate.GetProperty("distanceKm");
        return string.Join(' ', [
            rank.ToString(CultureInfo.InvariantCulture),
            candidate.GetProperty("regionId").GetString()!,
            .. available.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value.GetInt64()}/{utilization.GetProperty(p.Name).GetDouble():R}")),
            distance.ValueKind == JsonValueKind.Null ? "no distance" : distance.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        ]);
    }

    /// <summary>A line read from the page with its numbers printed the way <see cref="Line"/> prints them.</summary>
    private static string Normalized(string[] parts) => string.Join(' ', parts.Select((part, index) => index switch
    {
        0 or 1 => part,
        _ when part == "no distance" => part,
        _ when part.Split('=') is [var name, var figures] && figures.Split('/') is [var available, var share] =>
            string.Create(CultureInfo.InvariantCulture, $"{name}={long.Parse(available, CultureInfo.InvariantCulture)}/{double.Parse(share, CultureInfo.InvariantCulture):R}"),
        _ => double.Parse(part, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
    }));
}
