using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway with authentication on: a JWT issuer configured the platform's way (Authentication:Schemes:Bearer,
/// as dotnet user-jwts writes it) and an API key per role, stored as hashes. Small stream caps and one key with a
/// tiny request rate make the limits observable. A grain call filter records the actor each region call carries.
/// </summary>
public sealed class SecuredGateway() : GatewayFactory(NewDataDirectory())
{
    public const string Issuer = "regiongrains-tests";
    public const string Audience = "regiongrains";
    public const string ClientAddressHeader = "X-Test-Client-Address";
    public const int StreamsPerCaller = 2;
    public const int StreamsTotal = 3;

    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>The API key of each role; the key's configured name is the role's name plus "-key".</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["reader"] = "rk-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        ["operator"] = "ok-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        ["admin"] = "ak-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        ["limited"] = "lk-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
    };

    /// <summary>Actors seen by region grain calls, by region id, in arrival order.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<(string Method, string? Actor)>> Actors { get; } = new();

    public HttpClient ClientFor(string? apiKey = null, string? bearer = null, string? clientAddress = null)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        if (clientAddress is not null)
        {
            client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress);
        }

        return client;
    }

    /// <summary>A token from the configured issuer for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public static string Token(string subject, params string[] roles) => Token(subject, SigningKey, Issuer, roles);

    /// <summary>A token signed with another key, which the gateway must refuse.</summary>
    public static string ForeignToken(string subject, params string[] roles) => Token(subject, RandomNumberGenerator.GetBytes(32), Issuer, roles);

    /// <summary>
    /// A token from the configured issuer with exactly <paramref name="claims"/> (no subject unless they hold one),
    /// expiring at <paramref name="expires"/> (an hour from now by default), with <paramref name="header"/> added to
    /// its JWS header.
    /// </summary>
    public static string SignedToken(IDictionary<string, object> claims, DateTime? expires = null, IDictionary<string, object>? header = null)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = until.AddHours(-1),
            NotBefore = until.AddHours(-1),
            Expires = until,
            Claims = claims,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// A token signed with the configured key whose payload is the issuer, audience and an hour's lifetime plus
    /// <paramref name="claims"/>, each written as the raw JSON given: so that a test can send what a token library
    /// would not write (a subject with a lone surrogate, escaped as JSON allows), as an attacker would.
    /// </summary>
    public static string RawToken(IEnumerable<(string Name, string Json)> claims, IEnumerable<(string Name, string Json)>? header = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new List<(string Name, string Json)> { ("iss", $"\"{Issuer}\""), ("aud", $"\"{Audience}\""), ("nbf", $"{now - 60}"), ("exp", $"{now + 3600}") };
        payload.AddRange(claims);
        var head = new List<(string Name, string Json)> { ("alg", "\"HS256\""), ("typ", "\"JWT\"") };
        head.AddRange(header ?? []);
        var signed = $"{Base64Url(Json(head))}.{Base64Url(Json(payload))}";
        return $"{signed}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(SigningKey, Encoding.ASCII.GetBytes(signed)))}";

        static string Json(IEnumerable<(string Name, string Json)> members) => "{" + string.Join(",", members.Select(m => $"\"{m.Name}\":{m.Json}")) + "}";
        static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
    }

    public static string Hash(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SigningKey));
        foreach (var (role, key) in Keys)
        {
            builder.UseSetting($"RegionGrains:Auth:ApiKeys:{role}-key:Hash", Hash(key));
            builder.UseSetting($"RegionGrains:Auth:ApiKeys:{role}-key:Roles:0", role == "limited" ? "reader" : role);
        }

        builder.UseSetting("RegionGrains:Auth:ApiKeys:limited-key:RequestsPerSecond", "1");
        // The matrix sets up a region per case with the admin key: keep the shared limit out of its way.
        builder.UseSetting("RegionGrains:RateLimits:RequestsPerSecond", "2000");
        builder.UseSetting("RegionGrains:RateLimits:Burst", "4000");
        builder.UseSetting("RegionGrains:RateLimits:StreamsPerCaller", StreamsPerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RegionGrains:RateLimits:StreamsTotal", StreamsTotal.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IIncomingGrainCallFilter>(new ActorRecorder(Actors));
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
        });
    }

    private static string Token(string subject, byte[] key, string issuer, string[] roles) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = Audience,
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = roles },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });

    /// <summary>The test server has no client address; this sets one from a header so loopback rules can be tried.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class ActorRecorder(ConcurrentDictionary<string, ConcurrentQueue<(string, string?)>> actors) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.TargetContext.GrainInstance is IRegionGrain)
            {
                actors.GetOrAdd(context.TargetId.Key.ToString()!, _ => new()).Enqueue((context.InterfaceMethod.Name, RequestContext.Get(RegionActor.ContextKey) as string));
            }

            return context.Invoke();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredGatewayCollection : ICollectionFixture<SecuredGateway>
{
    public const string Name = "Secured gateway";
}
