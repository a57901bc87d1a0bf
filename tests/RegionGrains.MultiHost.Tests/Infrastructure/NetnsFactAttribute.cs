namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>A fact that needs network namespaces: skipped locally with the reason when they cannot be created, run (and failing) in CI.</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (Netns.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
