namespace RegionGrains.Gateway.Security;

/// <summary>One API key, bound from <c>RegionGrains:Auth:ApiKeys:{name}</c>; the name is the caller's identity.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>SHA-256 of the key, as 64 hex digits (optionally prefixed <c>sha256:</c>). The key itself is never configured.</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>Roles of the key's caller: reader, operator, admin.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>
    /// This key's own request rate, overriding <see cref="RateLimitOptions.RequestsPerSecond"/> and its burst (the key
    /// may send one second's worth at once); 0 exempts the key
    /// from the request rate limit (for the load tester). Event-stream caps still apply.
    /// </summary>
    public int? RequestsPerSecond { get; set; }
}
