using System.Globalization;
using System.Net;
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

    /// <summary>
    /// Who an event stream counts against: the caller, except an anonymous caller on this machine (every local
    /// browser tab, script and test is the same loopback address, so a per-address cap would be a cap on the whole
    /// machine). Those streams count only in the total.
    /// </summary>
    public static string? ForStreams(HttpContext context) =>
        context.User.Identity is not { IsAuthenticated: true } && context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            ? null
            : Of(context);

    /// <summary>The caller's own request rate if its API key sets one (0 = not limited).</summary>
    public static int? OwnRate(ClaimsPrincipal user) =>
        user.FindFirst(RateClaim) is { } claim && int.TryParse(claim.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) ? rate : null;
}
