using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Tests.Hostile;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>
/// What identifies a caller: a token's one string <c>sub</c>, or an API key's name, each a name that stands on one
/// line and reads as itself. A token without one, or whose subject could forge a log line or pass for another name,
/// is refused with 401 before anything is written under it; so is a token with critical header parameters, or one
/// expired longer ago than the accepted clock skew.
/// </summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class CallerIdentityTests(SecuredGateway gateway)
{
    private static readonly string[] TwoSubjects = ["alice", "bob"];

    public static TheoryData<string, object?> UnusableSubjects() => new()
    {
        { "missing", null },
        { "empty", "" },
        { "blank", "   " },
        { "only invisible characters", "\u200B\u2060\uFEFF\u202E" },
        { "a line break that starts a forged log line", "alice\r\ninfo: RegionGrains.Gateway.Audit.AuditLog[0] root defined everything" },
        { "a NUL", "alice\0" },
        { "a DEL", "alice\u007F" },
        { "a C1 next-line", "alice\u0085" },
        { "a line separator", "alice\u2028bob" },
        { "a right-to-left override", "\u202Eecila" },
        { "a zero-width space beside a name", "alice\u200B" },
        { "a lone surrogate", "alice\uD800" },
        { "longer than 255 characters", new string('a', 256) },
        { "two subjects", TwoSubjects },
        { "a number", 42 },
    };

    [Theory]
    [MemberData(nameof(UnusableSubjects))]
    public async Task ATokenWithoutAUsableSubjectIsRefusedAndWritesNothing(string because, object? subject)
    {
        var claims = new List<(string, string)> { ("role", "\"admin\"") };
        if (subject is not null)
        {
            claims.Add(("sub", subject switch
            {
                string text => HostileValues.StringJson(text),
                string[] texts => "[" + string.Join(",", texts.Select(HostileValues.StringJson)) + "]",
                _ => Convert.ToString(subject, System.Globalization.CultureInfo.InvariantCulture)!,
            }));
        }

        using var client = gateway.ClientFor(bearer: SecuredGateway.RawToken(claims));
        var id = Api.NewRegionId();

        var response = await client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition());

        var problem = await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
        // The token handler itself refuses a subject that is an array, before the gateway's own check says why.
        Assert.True(subject is string[] || ((string?)problem["detail"])!.Contains("subject (sub)", StringComparison.Ordinal), because);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        using var admin = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/regions/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("auth0|5f7c8ec7c33c6c004bbafe82")]
    [InlineData("Zoë Ångström")]
    [InlineData("東京-operator 🚀")]
    public async Task ASubjectThatReadsAsItselfIsRecordedAsItIs(string subject)
    {
        using var client = gateway.ClientFor(bearer: SecuredGateway.Token(subject, "admin"));
        var id = Api.NewRegionId();

        (await client.PutAsJsonAsync($"/api/regions/{id}", Api.Definition())).EnsureSuccessStatusCode();

        var history = (await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}/history"), HttpStatusCode.OK)).AsArray();
        Assert.Equal(subject, (string?)Assert.Single(history)!["actor"]);
    }

    [Theory]
    [InlineData("an extension the gateway does not know", new[] { "http://example.com/ext" })]
    [InlineData("an empty list, which RFC 7515 forbids", new string[0])]
    public async Task ATokenWithCriticalHeaderParametersIsRefused(string because, string[] critical)
    {
        var header = new Dictionary<string, object> { ["crit"] = critical, ["http://example.com/ext"] = true };
        using var client = gateway.ClientFor(bearer: SecuredGateway.SignedToken(new Dictionary<string, object> { ["sub"] = "alice", ["role"] = "reader" }, header: header));

        var response = await client.GetAsync("/api/regions");

        var problem = await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.True(((string?)problem["detail"])!.Contains("crit", StringComparison.Ordinal), because);
    }

    [Theory]
    [InlineData(-20, HttpStatusCode.OK)]
    [InlineData(-45, HttpStatusCode.OK)]
    [InlineData(-90, HttpStatusCode.Unauthorized)]
    [InlineData(-240, HttpStatusCode.Unauthorized)]
    public async Task AnExpiredTokenCountsOnlyWithinTheOneMinuteClockSkew(int expiredSecondsAgo, HttpStatusCode expected)
    {
        var token = SecuredGateway.SignedToken(new Dictionary<string, object> { ["sub"] = "alice", ["role"] = "reader" }, expires: DateTime.UtcNow.AddSeconds(expiredSecondsAgo));
        using var client = gateway.ClientFor(bearer: token);

        var response = await client.GetAsync("/api/footprint");

        Assert.True(expected == response.StatusCode, $"A token expired {-expiredSecondsAgo} s ago: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("night\nly")]
    [InlineData("\u200B")]
    [InlineData("report\u202E")]
    public void AnApiKeyWhoseNameCouldNotStandInTheLogStopsTheGatewayAtStartUp(string name)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => AuthOptionsFrom(new()
        {
            [$"RegionGrains:Auth:ApiKeys:{name}:Hash"] = SecuredGateway.Hash("k"),
            [$"RegionGrains:Auth:ApiKeys:{name}:Roles:0"] = "reader",
        }));

        Assert.Contains(failure.Failures, f => f.Contains("API key's name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:06:00")]
    [InlineData("-00:00:01")]
    public void AClockSkewOutsideZeroToFiveMinutesStopsTheGatewayAtStartUp(string skew)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => AuthOptionsFrom(new() { ["RegionGrains:Auth:ClockSkew"] = skew }));

        Assert.Contains(failure.Failures, f => f.Contains("ClockSkew", StringComparison.Ordinal));
    }

    private static AuthOptions AuthOptionsFrom(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGatewaySecurity();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<AuthOptions>>().Value;
    }
}
