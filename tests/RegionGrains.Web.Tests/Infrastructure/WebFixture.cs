using Microsoft.Playwright;

namespace RegionGrains.Web.Tests.Infrastructure;

/// <summary>
/// A local cluster of real processes (3 silos, a gateway in client mode, SQLite) and one headless Chromium driven by
/// Playwright, started together once for the collection. Every page it opens fails any request that would leave
/// the machine and records console errors.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    private LocalCluster? _cluster;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster was not started.");

    public RegionsApi Api => new(Cluster.Http);

    /// <summary>Where screenshots of the run go: beside the test assembly, for a person to look at.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return;
        }

        var executable = Chromium.ExecutablePath
            ?? throw new InvalidOperationException("CI=true and no Chromium at /usr/bin/chromium or CHROMIUM_PATH: .ci/run installs Debian's chromium package.");
        Directory.CreateDirectory(ScreenshotDirectory);
        // Playwright's 5 s default is short for a 2-core CI machine running other test projects at the same time.
        Assertions.SetDefaultExpectTimeout(15_000);
        var cluster = new LocalCluster(ClusterStore.Sqlite);
        _cluster = cluster;
        var browser = StartBrowserAsync(executable);
        await cluster.StartAsync();
        _browser = await browser;
    }

    /// <summary>A fresh browser context and page on the gateway, guarded against requests leaving the machine.</summary>
    public async Task<MapPage> OpenAsync(BrowserNewContextOptions? options = null)
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser was not started.");
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var map = new MapPage(page, Cluster.GatewayAddress);
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsLoopback || url.Scheme is "data" or "blob")
            {
                await route.ContinueAsync();
            }
            else
            {
                map.LeavingRequests.Add(route.Request.Url);
                await route.AbortAsync("blockedbyclient");
            }
        });
        return map;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task<IBrowser> StartBrowserAsync(string executable)
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
    }
}
