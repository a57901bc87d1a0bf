namespace RegionGrains.Web.Tests.Infrastructure;

/// <summary>
/// The Chromium the tests drive: Debian's package (<c>/usr/bin/chromium</c>, which .ci/run installs) or
/// <c>CHROMIUM_PATH</c>. Playwright's own browser download cannot be reached here, so it is never used.
/// </summary>
public static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The browser to start, or null when there is none; a <c>CHROMIUM_PATH</c> that names no file counts as none.</summary>
    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured
            ? (File.Exists(configured) ? configured : null)
            : Candidates.FirstOrDefault(File.Exists);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests are skipped, or null when they run (always in CI, where a missing browser fails them).</summary>
    public static string? SkipReason => ExecutablePath is null && !IsCi
        ? "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH); the browser tests skip locally and fail in CI (CI=true)."
        : null;
}
