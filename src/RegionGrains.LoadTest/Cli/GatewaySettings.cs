using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of a command against a running gateway: its address and the key to call it with.</summary>
public abstract class GatewaySettings : CommandSettings
{
    [CommandOption("-u|--url <URL>")]
    [Description("Base address of a running gateway; only loopback addresses are accepted.")]
    [DefaultValue("http://localhost:5080/")]
    public string Url { get; set; } = "http://localhost:5080/";

    [CommandOption("--api-key <KEY>")]
    [Description("API key sent as X-Api-Key when the gateway has authentication on (default: $REGIONGRAINS_API_KEY); it needs the admin role.")]
    public string? ApiKey { get; set; }

    /// <summary>The key to send, from the option or the environment; null sends none.</summary>
    public string? EffectiveApiKey => GatewayAddress.ApiKeyOr(ApiKey);

    /// <summary>The gateway address, always ending in a slash so relative paths append.</summary>
    public Uri GatewayUri => GatewayAddress.UriOf(Url);

    public override ValidationResult Validate() => GatewayAddress.Validate(Url);
}
