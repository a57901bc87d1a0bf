namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>A fact that needs network namespaces: skipped locally with the reason when they cannot be created, run (and failing) in CI.</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (Netns.SkipReason is { } reason)
        {
            // Netns.SkipReason is null in CI (CI=true), so CI never skips: there the test runs, and fails if what it needs is missing.
            Skip = reason;
        }
    }
}
