namespace RegionGrains.Gateway.Security;

/// <summary>The roles of the security model (DESIGN.md): carried as <c>role</c> claims of a token, or configured per API key.</summary>
public static class GatewayRoles
{
    /// <summary>Every GET: regions, history, footprint and its event stream.</summary>
    public const string Reader = "reader";

    /// <summary>Reads, and changes status (except decommissioning), capacity and reservations.</summary>
    public const string Operator = "operator";

    /// <summary>Everything: also defines regions, decommissions them, and the Orleans dashboard.</summary>
    public const string Admin = "admin";
}
