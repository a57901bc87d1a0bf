using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using RegionGrains.ServiceDefaults.Startup;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// What the configuration turned on, decided once at startup: endpoints are mapped with or without authorization
/// and rate limits from this, so a gateway without authentication does no authentication work per request.
/// </summary>
public sealed record GatewaySecurity(AuthMode Mode, bool BearerConfigured, bool ApiKeysConfigured, bool RateLimitsEnabled)
{
    /// <summary>The platform's section for the JWT bearer scheme, as <c>dotnet user-jwts</c> writes it.</summary>
    public const string BearerSection = "Authentication:Schemes:Bearer";

    /// <summary>Whether callers must authenticate.</summary>
    public bool AuthenticationEnabled => BearerConfigured || ApiKeysConfigured;

    /// <summary>Whether the gateway may listen on addresses other than loopback.</summary>
    public bool ExposureAllowed => AuthenticationEnabled || Mode == AuthMode.None;

    /// <summary>The authentication schemes in use, in the order their challenges are sent.</summary>
    public IEnumerable<string> Schemes =>
        (BearerConfigured ? [JwtBearerDefaults.AuthenticationScheme] : Array.Empty<string>())
            .Concat(ApiKeysConfigured ? [ApiKeyAuthenticationHandler.SchemeName] : []);

    public static GatewaySecurity From(IConfiguration configuration)
    {
        // The mode by name only, before the binder would take a number for it (see EnumSetting).
        EnumSetting.Read(configuration, $"{AuthOptions.Section}:{nameof(AuthOptions.Mode)}", AuthMode.Auto);
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new();
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        var on = auth.Mode != AuthMode.None;
        var bearer = on && configuration.GetSection(BearerSection).GetChildren().Any();
        if (bearer)
        {
            CheckIssuerAddresses(configuration.GetSection(BearerSection));
        }

        var keys = on && auth.ApiKeys.Count > 0;
        return new GatewaySecurity(auth.Mode, bearer, keys, limits.Enabled ?? (bearer || keys || auth.Mode == AuthMode.None));
    }

    /// <summary>
    /// The token issuer's addresses, checked at start-up. The JWT bearer handler refuses an http address (unless
    /// RequireHttpsMetadata is off) only when the first request with a token arrives, by throwing: every such request was
    /// a 500.
    /// </summary>
    /// <exception cref="OptionsValidationException">An address is not http(s), or is http where HTTPS is required.</exception>
    private static void CheckIssuerAddresses(IConfigurationSection bearer)
    {
        var httpsOnly = !bool.TryParse(bearer[nameof(JwtBearerOptions.RequireHttpsMetadata)], out var required) || required;
        var problems = new List<string>();
        foreach (var key in new[] { nameof(JwtBearerOptions.Authority), nameof(JwtBearerOptions.MetadataAddress) })
        {
            if (bearer[key] is not { Length: > 0 } value)
            {
                continue;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{BearerSection}:{key} is '{value}', which is not an http or https address.");
            }
            else if (httpsOnly && address.Scheme == Uri.UriSchemeHttp)
            {
                problems.Add(
                    $"{BearerSection}:{key} is '{value}', but the token issuer's metadata is fetched over HTTPS only. Use an https address, " +
                    $"or set {BearerSection}:{nameof(JwtBearerOptions.RequireHttpsMetadata)}=false for development.");
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(BearerSection, typeof(JwtBearerOptions), problems);
        }
    }
}
