using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Security;

/// <summary>Authentication, roles, rate limits and the caller's name on every change; all chosen once from configuration.</summary>
internal static class SecurityExtensions
{
    private const string BearerOrApiKey = "BearerOrApiKey";

    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var security = GatewaySecurity.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(security);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.ApiKeys.Values.All(k => ApiKeyStore.IsValidHash(k.Hash)), "Every RegionGrains:Auth:ApiKeys:{name}:Hash must be the key's SHA-256 as 64 hex digits (see docs/security.md).")
            .Validate(o => o.ApiKeys.Values.All(k => k.Roles.Count > 0 && k.Roles.All(IsRole)), $"Every API key needs Roles, each one of {GatewayRoles.Reader}, {GatewayRoles.Operator}, {GatewayRoles.Admin}.")
            .Validate(o => o.ApiKeys.Values.All(k => k.RequestsPerSecond is null or >= 0), "An API key's RequestsPerSecond is 0 (not limited) or more.")
            .Validate(o => o.ApiKeys.Keys.All(CallerName.IsValid), $"Every API key's name (RegionGrains:Auth:ApiKeys:{{name}}) names its caller in the history and the log: {CallerName.Rule}.")
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= AuthOptions.MaxClockSkew, $"RegionGrains:Auth:ClockSkew is a time span from 00:00:00 to {AuthOptions.MaxClockSkew}.")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.RequestsPerSecond >= 0 && o.Burst >= 1 && o.StreamsPerCaller >= 0 && o.StreamsTotal >= 0, "RegionGrains:RateLimits takes RequestsPerSecond >= 0, Burst >= 1, StreamsPerCaller >= 0 and StreamsTotal >= 0.")
            .ValidateOnStart();

        if (security.AuthenticationEnabled)
        {
            var authentication = services.AddAuthentication(BearerOrApiKey);
            if (security.BearerConfigured)
            {
                // Issuer, audiences and signing keys come from Authentication:Schemes:Bearer. Claims are kept as the
                // token names them, so the caller is its 'sub' and its roles are its 'role' claims.
                // The gateway's own checks (one usable subject, no critical header parameters) run once the token is valid.
                authentication.AddJwtBearer();
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((o, auth) =>
                {
                    o.MapInboundClaims = false;
                    o.TokenValidationParameters.NameClaimType = ClaimNames.Subject;
                    o.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                    o.TokenValidationParameters.ClockSkew = auth.Value.ClockSkew;
                    o.Events ??= new JwtBearerEvents();
                    o.Events.OnTokenValidated = BearerTokenChecks.OnTokenValidated;
                });
            }

            if (security.ApiKeysConfigured)
            {
                services.AddSingleton<ApiKeyStore>();
                authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
            }

            authentication.AddPolicyScheme(BearerOrApiKey, null, o => o.ForwardDefaultSelector = context =>
                security.ApiKeysConfigured && (!security.BearerConfigured || context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme);

            services.AddAuthorizationBuilder()
                .AddPolicy(GatewayPolicies.Read, p => p.RequireRole(GatewayRoles.Reader, GatewayRoles.Operator, GatewayRoles.Admin))
                .AddPolicy(GatewayPolicies.Operate, p => p.RequireRole(GatewayRoles.Operator, GatewayRoles.Admin))
                .AddPolicy(GatewayPolicies.Administer, p => p.RequireRole(GatewayRoles.Admin))
                .AddPolicy(GatewayPolicies.Manage, p => p.AddRequirements(new ManagementAccessHandler.Requirement()));
            services.AddSingleton<IAuthorizationHandler, ManagementAccessHandler>();
            services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        }

        if (security.RateLimitsEnabled)
        {
            services.AddGatewayRateLimiting();
        }

        return builder;
    }

    /// <summary>Authentication, then rate limits (by then the caller is known), then authorization; each only when configured.</summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<GatewaySecurity>();
        if (security.AuthenticationEnabled)
        {
            app.UseAuthentication();
        }

        if (security.RateLimitsEnabled)
        {
            app.UseRateLimiter();
        }

        if (security.AuthenticationEnabled)
        {
            app.UseAuthorization();
        }

        app.Use(static (context, next) =>
        {
            // The region journals who made each change: name the caller to the grains for every request that may change
            // something. Reads carry nothing extra.
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                RequestContext.Set(RegionActor.ContextKey, GatewayAccess.ActorOf(context.User));
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Requires <paramref name="policy"/> when authentication is on; without it the gateway serves loopback only and everyone may.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, IEndpointRouteBuilder app, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        app.ServiceProvider.GetRequiredService<GatewaySecurity>().AuthenticationEnabled ? builder.RequireAuthorization(policy) : builder;

    private static bool IsRole(string role) => role is GatewayRoles.Reader or GatewayRoles.Operator or GatewayRoles.Admin;
}
