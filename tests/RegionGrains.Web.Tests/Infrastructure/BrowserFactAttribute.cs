namespace RegionGrains.Web.Tests.Infrastructure;

/// <summary>A fact that needs Chromium: skipped locally with the reason when it is missing, run (and failing) in CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            // Chromium.SkipReason is null in CI (CI=true), so CI never skips: there the test runs, and fails if what it needs is missing.
            Skip = reason;
        }
    }
}
