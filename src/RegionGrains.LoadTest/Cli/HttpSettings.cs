using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>http</c>.</summary>
public sealed class HttpSettings : RegionLoadSettings
{
    [CommandOption("-u|--url <URL>")]
    [Description("Base address of a running gateway; only loopback addresses are accepted.")]
    [DefaultValue("http://localhost:5080/")]
    public string Url { get; set; } = "http://localhost:5080/";

    /// <summary>The environment variable read when <c>--api-key</c> is not given, so the key stays out of shell history.</summary>
    public const string ApiKeyVariable = "REGIONGRAINS_API_KEY";

    [CommandOption("--api-key <KEY>")]
    [Description("API key sent as X-Api-Key when the gateway has authentication on (default: $REGIONGRAINS_API_KEY). It needs the admin role (the run defines regions); configure it with RequestsPerSecond 0 so rate limits do not shape the figures. Never written to the report.")]
    public string? ApiKey { get; set; }

    /// <summary>The key to send, from the option or the environment; null sends none.</summary>
    public string? EffectiveApiKey => GatewayAddress.ApiKeyOr(ApiKey);

    /// <summary>The gateway address, always ending in a slash so relative paths append.</summary>
    public Uri GatewayUri => GatewayAddress.UriOf(Url);

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        return GatewayAddress.Validate(Url);
    }
}
