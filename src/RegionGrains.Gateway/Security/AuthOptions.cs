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
}
