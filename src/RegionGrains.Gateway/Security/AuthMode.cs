namespace RegionGrains.Gateway.Security;

/// <summary>Whether the gateway authenticates callers: <c>RegionGrains:Auth:Mode</c>.</summary>
public enum AuthMode
{
    /// <summary>
    /// The default: authentication is on as soon as a JWT bearer issuer or an API key is configured; with neither,
    /// the gateway serves loopback addresses only and refuses to start on any other.
    /// </summary>
    Auto = 0,

    /// <summary>No authentication on any address, said explicitly: every caller may do everything.</summary>
    None = 1,
}
