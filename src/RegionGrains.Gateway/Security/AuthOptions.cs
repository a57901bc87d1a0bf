namespace RegionGrains.Gateway.Security;

/// <summary>Authentication settings, bound from <c>RegionGrains:Auth</c>. JWT bearer settings live in the platform's <c>Authentication:Schemes:Bearer</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "RegionGrains:Auth";

    /// <summary>Auto (on when anything is configured) or None (off everywhere, explicitly).</summary>
    public AuthMode Mode { get; set; } = AuthMode.Auto;

    /// <summary>API keys by name.</summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether /metrics, /openapi/v1.json and the API reference answer callers on a loopback address without
    /// credentials (the default); from any other address they need the reader role.
    /// </summary>
    public bool PublicManagementOnLoopback { get; set; } = true;

    /// <summary>
    /// How far a bearer token's <c>exp</c> and <c>nbf</c> may be off the gateway's clock and still count: one minute
    /// by default, at most <see cref="MaxClockSkew"/>. Servers kept by NTP drift by well under a second, so a minute
    /// covers an issuer's clock that is off, while a token leaked at its expiry serves one more minute rather than the
    /// platform default's five.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest <see cref="ClockSkew"/> accepted: the platform's default.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
}
