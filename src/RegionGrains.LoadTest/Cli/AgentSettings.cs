using System.ComponentModel;
using System.Net;
using RegionGrains.LoadTest.Agents;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>agent</c>.</summary>
public sealed class AgentSettings : CommandSettings
{
    [CommandOption("--listen <HOST:PORT>")]
    [Description("Address and port to serve the coordinator on. Beyond loopback only with --token: the protocol is plain HTTP, for a private network.")]
    [DefaultValue("127.0.0.1:7301")]
    public string Listen { get; set; } = "127.0.0.1:7301";

    [CommandOption("--token <TOKEN>")]
    [Description("A shared secret every request must carry (the coordinator's --agent-token); default: $REGIONGRAINS_AGENT_TOKEN. It travels in clear text.")]
    public string? Token { get; set; }

    /// <summary>The token from the option or the environment; null for none.</summary>
    public string? EffectiveToken => string.IsNullOrEmpty(Token) ? Environment.GetEnvironmentVariable(AgentProtocol.TokenVariable) is { Length: > 0 } token ? token : null : Token;

    public AgentEndpoint Endpoint => AgentEndpoint.TryParse(Listen, out var endpoint, out _) ? endpoint : throw new InvalidOperationException("Validate first.");

    public override ValidationResult Validate()
    {
        if (!AgentEndpoint.TryParse(Listen, out var endpoint, out var error))
        {
            return ValidationResult.Error("--listen: " + error);
        }

        var loopback = endpoint.Host == "localhost" || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return loopback || EffectiveToken is not null
            ? ValidationResult.Success()
            : ValidationResult.Error($"--listen {Listen} is beyond loopback: anyone who reaches it could make this agent load anything. Give a shared --token (or {AgentProtocol.TokenVariable}) and pass it to the coordinator as --agent-token.");
    }
}
