namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// Who made a change. The gateway puts the authenticated caller's name into Orleans' request context under
/// <see cref="ContextKey"/> before it calls a region; the region records it with every change it journals.
/// </summary>
public static class RegionActor
{
    /// <summary>The <c>RequestContext</c> key holding the caller's name (token subject or API key name).</summary>
    public const string ContextKey = "rg-actor";

    /// <summary>The actor of changes the service makes by itself: expiry, scheduled changes as they fire, and catalog seeding.</summary>
    public const string System = "system";

    /// <summary>The actor recorded when a change arrives without a caller's name (authentication off).</summary>
    public const string Anonymous = "anonymous";
}
