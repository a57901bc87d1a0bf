using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace RegionGrains.LoadTest.Tests.Browser;

/// <summary>
/// A headless Chromium (Debian's, or <c>CHROMIUM_PATH</c>; Playwright's own download cannot be reached here) with one
/// page that records console errors and aborts, and records, every request that would leave the machine.
/// The pattern of tests/RegionGrains.Web.Tests, cut down to what a static report needs.
/// </summary>
public sealed class ReportBrowser : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ReportBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public ConcurrentBag<string> ConsoleErrors { get; } = [];

    public ConcurrentBag<string> LeavingRequests { get; } = [];

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured
            ? (File.Exists(configured) ? configured : null)
            : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Why a browser test is skipped, or null when it runs; in CI (CI=true) it always runs, and fails without a browser.</summary>
    public static string? SkipReason =>
        ExecutablePath is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH); the browser tests skip locally and fail in CI (CI=true)."
            : null;

    public static async Task<ReportBrowser> StartAsync()
    {
        var executable = ExecutablePath ?? throw new InvalidOperationException("No Chromium at /usr/bin/chromium or CHROMIUM_PATH: .ci/run installs Debian's chromium package.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var opened = new ReportBrowser(playwright, browser, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                opened.ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => opened.ConsoleErrors.Add(error);
        await context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Scheme is "file" or "data")
            {
                await route.ContinueAsync();
            }
            else
            {
                opened.LeavingRequests.Add(route.Request.Url);
                await route.AbortAsync("blockedbyclient");
            }
        });
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
