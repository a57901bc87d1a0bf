using System.Globalization;
using System.Security.Claims;

namespace RegionGrains.Gateway.Security;

/// <summary>The identity limits are counted against: the API key, else the token subject, else the client address.</summary>
internal static class CallerIdentity
{
    /// <summary>The claim carrying an API key's own request rate, when configured.</summary>
    public const string RateClaim = "rate_limit";

    public static string Of(HttpContext context) => context.User switch
    {
        { Identity.IsAuthenticated: true } user when user.FindFirst(ApiKeyAuthenticationHandler.KeyClaim) is { } key => "key:" + key.Value,
        { Identity: { IsAuthenticated: true, Name: { } name } } => "sub:" + name,
        _ => "ip:" + context.Connection.RemoteIpAddress,
    };

    /// <summary>The caller's own request rate if its API key sets one (0 = not limited).</summary>
    public static int? OwnRate(ClaimsPrincipal user) =>
        user.FindFirst(RateClaim) is { } claim && int.TryParse(claim.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) ? rate : null;
}
