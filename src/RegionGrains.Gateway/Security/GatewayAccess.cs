using System.Security.Claims;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Security;

/// <summary>Who a caller is and what its roles allow, for the checks that depend on the request's content.</summary>
internal static class GatewayAccess
{
    public static bool CanRead(ClaimsPrincipal user) =>
        user.IsInRole(GatewayRoles.Reader) || user.IsInRole(GatewayRoles.Operator) || user.IsInRole(GatewayRoles.Admin);

    /// <summary>Decommissioning is the admin's (DESIGN.md); without authentication everyone may.</summary>
    public static bool MayMoveTo(GatewaySecurity security, ClaimsPrincipal user, RegionStatus target) =>
        target != RegionStatus.Decommissioned || !security.AuthenticationEnabled || user.IsInRole(GatewayRoles.Admin);

    /// <summary>
    /// The name changes are recorded under: the token subject or API key name (both checked by <see cref="CallerName"/>
    /// before a caller counts as authenticated), else anonymous, which only a gateway without authentication records.
    /// </summary>
    public static string ActorOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : RegionActor.Anonymous;
}
