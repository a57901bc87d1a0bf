namespace RegionGrains.Gateway.Security;

/// <summary>The authorization policies endpoints require; each lets a higher role do what a lower one may.</summary>
public static class GatewayPolicies
{
    /// <summary>reader, operator or admin.</summary>
    public const string Read = "read";

    /// <summary>operator or admin.</summary>
    public const string Operate = "operate";

    /// <summary>admin only.</summary>
    public const string Administer = "administer";

    /// <summary>Management endpoints (/metrics, the OpenAPI document, the API reference): public on loopback if so configured, otherwise as <see cref="Read"/>.</summary>
    public const string Manage = "manage";
}
