using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured key hashes; a request that also carries an
/// <c>Authorization</c> header is refused, whatever either holds.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim naming the API key a caller used, for its own rate limit.</summary>
    public const string KeyClaim = "api_key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // One credential per request: with a key and an Authorization header both sent, which one acts is a guess, and
        // a bad token must not pass unnoticed because a key beside it is good.
        if (Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return Task.FromResult(AuthenticateResult.Fail("Both an API key and an Authorization header were sent."));
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]) || !keys.TryFind(values[0]!, out var key))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        List<Claim> claims = [new(ClaimNames.Subject, key.Name), new(KeyClaim, key.Name)];
        claims.AddRange(key.Roles.Select(role => new Claim(ClaimNames.Role, role)));
        if (key.RequestsPerSecond is { } rate)
        {
            claims.Add(new Claim(CallerIdentity.RateClaim, rate.ToString(CultureInfo.InvariantCulture)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimNames.Subject, ClaimNames.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, $"{SchemeName} header=\"{HeaderName}\"");
        return Task.CompletedTask;
    }
}
