using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RegionGrains.Gateway.Security;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>
/// The token issuer's address is checked when the gateway starts: an http address where HTTPS is required made the JWT
/// bearer handler throw on every request that carried a token (a 500 each), long after the gateway had started.
/// </summary>
public sealed class IssuerAddressTests
{
    [Theory]
    [InlineData("Authority", "http://login.example/realm", "but the token issuer's metadata is fetched over HTTPS only")]
    [InlineData("MetadataAddress", "http://login.example/.well-known/openid-configuration", "but the token issuer's metadata is fetched over HTTPS only")]
    [InlineData("Authority", "login.example", "which is not an http or https address")]
    [InlineData("Authority", "ftp://login.example/realm", "which is not an http or https address")]
    public void AnIssuerAddressTheHandlerWouldRefuseStopsTheGatewayAtStartUp(string key, string value, string reason)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => GatewaySecurity.From(Configuration((key, value))));

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith($"Authentication:Schemes:Bearer:{key} is '{value}', {reason}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://login.example/realm", null)]
    [InlineData("http://localhost:8080/realm", "false")]
    public void AnHttpsIssuerOrAnHttpOneAllowedForDevelopmentIsTaken(string authority, string? requireHttps)
    {
        var settings = new List<(string, string)> { ("Authority", authority) };
        if (requireHttps is not null)
        {
            settings.Add(("RequireHttpsMetadata", requireHttps));
        }

        Assert.True(GatewaySecurity.From(Configuration([.. settings])).BearerConfigured);
    }

    [Fact]
    public void WithAuthenticationSwitchedOffTheIssuerIsNotRead()
    {
        var configuration = Configuration(("Authority", "http://login.example/realm"));
        configuration["RegionGrains:Auth:Mode"] = "None";

        Assert.False(GatewaySecurity.From(configuration).BearerConfigured);
    }

    private static IConfigurationRoot Configuration(params (string Key, string Value)[] bearer) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(bearer.Select(s => new KeyValuePair<string, string?>($"Authentication:Schemes:Bearer:{s.Key}", s.Value)))
            .Build();
}
