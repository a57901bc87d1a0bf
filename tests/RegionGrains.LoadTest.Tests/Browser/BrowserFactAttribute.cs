namespace RegionGrains.LoadTest.Tests.Browser;

/// <summary>A fact that needs Chromium: skipped locally with the reason when it is missing, run (and failing) in CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (ReportBrowser.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
