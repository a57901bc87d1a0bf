namespace RegionGrains.Gateway.Security;

/// <summary>Per-caller limits, bound from <c>RegionGrains:RateLimits</c>. A caller is a token subject, an API key, or a client address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RegionGrains:RateLimits";

    /// <summary>
    /// Whether request rates are limited. Unset (the default): on whenever the gateway may be reached from other
    /// machines (authentication on, or Mode=None), off when it serves loopback only.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Sustained requests per second per caller (a token bucket refilled every second).</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests a caller may make at once above the sustained rate.</summary>
    public int Burst { get; set; } = 400;

    /// <summary>Open event streams (<c>GET /api/footprint/events</c>) per caller.</summary>
    public int StreamsPerCaller { get; set; } = 8;

    /// <summary>Open event streams over all callers of this gateway process.</summary>
    public int StreamsTotal { get; set; } = 512;
}
