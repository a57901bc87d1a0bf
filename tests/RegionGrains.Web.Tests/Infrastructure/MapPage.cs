using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace RegionGrains.Web.Tests.Infrastructure;

/// <summary>
/// The map page in one browser tab, read through the attributes it keeps for automation (<c>data-region-id</c>,
/// <c>data-status</c>, <c>data-value</c>...). Every wait is Playwright's own, bounded, on the page's DOM.
/// </summary>
public sealed class MapPage
{
    /// <summary>Reads the side panel's footprint into the shape <see cref="Expected"/> builds, keys sorted.</summary>
    private const string ReadSummary = """
        () => {
          const number = element => Number(element.querySelector('[data-value]').dataset.value);
          const sorted = entries => Object.fromEntries(entries.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
          const all = selector => [...document.querySelectorAll(selector)];
          return {
            regions: Number(document.querySelector('[data-total="regions"]').dataset.value),
            byStatus: sorted(all('[data-status-count]').map(e => [e.dataset.statusCount, number(e)])),
            byGeography: sorted(all('[data-geography-count]').map(e => [e.dataset.geographyCount, number(e)])),
            resources: sorted(all('#resources [data-resource]').map(e => [e.dataset.resource, {
              total: Number(e.querySelector('[data-field="total"]').dataset.value),
              reserved: Number(e.querySelector('[data-field="reserved"]').dataset.value),
              available: Number(e.querySelector('[data-field="available"]').dataset.value),
            }])),
          };
        }
        """;

    private readonly Uri _gateway;

    public MapPage(IPage page, Uri gateway)
    {
        Page = page;
        _gateway = gateway;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Requests to anything but this machine, which the page's guard aborted.</summary>
    public ConcurrentBag<string> LeavingRequests { get; } = [];

    public ConcurrentBag<string> ConsoleErrors { get; } = [];

    public ILocator Markers => Page.Locator(".marker[data-region-id]");

    public ILocator Marker(string id) => Page.Locator($".marker[data-region-id=\"{id}\"]");

    /// <summary>Opens <c>/</c> and waits until the map is drawn and the event stream is open.</summary>
    public async Task OpenAsync()
    {
        await Page.GotoAsync(_gateway.ToString());
        await Page.WaitForSelectorAsync("body[data-ready='true'][data-stream='open']", new() { Timeout = 30_000 });
        // Set once: still there at the end of a test, it shows the page was never reloaded.
        await Page.EvaluateAsync("() => { window.loadedOnce = true; }");
    }

    public Task<bool> WasNeverReloadedAsync() => Page.EvaluateAsync<bool>("() => window.loadedOnce === true");

    public async Task<int> ConnectionsAsync() => int.Parse(await Page.EvaluateAsync<string>("() => document.body.dataset.connections ?? '0'"), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<JsonElement> SummaryAsync() => await Page.EvaluateAsync<JsonElement>(ReadSummary);

    /// <summary>Waits until the side panel shows exactly <paramref name="expected"/> (built by <see cref="Expected"/>).</summary>
    public async Task WaitForSummaryAsync(JsonObject expected, string awaited, float timeoutMs = 15_000)
    {
        try
        {
            await Page.WaitForFunctionAsync(
                $"expected => JSON.stringify(({ReadSummary})()) === expected",
                expected.ToJsonString(),
                new() { Timeout = timeoutMs, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {timeoutMs / 1000} s waiting for {awaited}.\nexpected: {expected.ToJsonString()}\non page:  {await SummaryAsync()}");
        }
    }

    /// <summary>A footprint of the API in the panel's shape: zero counts left out (the panel lists only what exists), keys sorted.</summary>
    public static JsonObject Expected(JsonElement footprint)
    {
        static JsonObject Counts(JsonElement map) => new(map.EnumerateObject()
            .Where(p => p.Value.GetInt64() != 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Value.GetInt64())));

        return new JsonObject
        {
            ["regions"] = footprint.GetProperty("regions").GetInt64(),
            ["byStatus"] = Counts(footprint.GetProperty("byStatus")),
            ["byGeography"] = Counts(footprint.GetProperty("byGeography")),
            ["resources"] = new JsonObject(footprint.GetProperty("resources").EnumerateObject()
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Name, (JsonNode?)new JsonObject
                {
                    ["total"] = p.Value.GetProperty("total").GetInt64(),
                    ["reserved"] = p.Value.GetProperty("reserved").GetInt64(),
                    ["available"] = p.Value.GetProperty("available").GetInt64(),
                }))),
        };
    }

    /// <summary>What the page says about its connection, for failure messages.</summary>
    public async Task<string> DiagnosticsAsync() => await Page.EvaluateAsync<string>(
        "() => `stream=${document.body.dataset.stream} connections=${document.body.dataset.connections} notice=${document.getElementById('notice').textContent}`")
        + $"\nconsole errors: {string.Join("; ", ConsoleErrors)}";

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(WebFixture.ScreenshotDirectory, name) });
}
