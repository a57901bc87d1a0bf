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
        (BearerConfigured ? [Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme] : Array.Empty<string>())
            .Concat(ApiKeysConfigured ? [ApiKeyAuthenticationHandler.SchemeName] : []);

    public static GatewaySecurity From(IConfiguration configuration)
    {
        // The mode by name only, before the binder would take a number for it (see EnumSetting).
        EnumSetting.Read(configuration, $"{AuthOptions.Section}:{nameof(AuthOptions.Mode)}", AuthMode.Auto);
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new();
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        var on = auth.Mode != AuthMode.None;
        var bearer = on && configuration.GetSection(BearerSection).GetChildren().Any();
        var keys = on && auth.ApiKeys.Count > 0;
        return new GatewaySecurity(auth.Mode, bearer, keys, limits.Enabled ?? (bearer || keys || auth.Mode == AuthMode.None));
    }
}
