using System.Globalization;

namespace RegionGrains.LoadTest.Agents;

/// <summary>An agent's address as <c>--agents</c> and <c>--listen</c> write it: <c>host:port</c> (<c>[::1]:7301</c> for IPv6).</summary>
public sealed record AgentEndpoint(string Host, int Port)
{
    public Uri BaseAddress => new($"http://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses one <c>host:port</c>; the error says what is wrong with it.</summary>
    public static bool TryParse(string text, out AgentEndpoint endpoint, out string error)
    {
        endpoint = new AgentEndpoint("", 0);
        error = "";
        var trimmed = text.Trim();
        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535
            || !Uri.TryCreate($"http://{trimmed}/", UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = $"'{text}' is not HOST:PORT with a port from 1 to 65535 (e.g. 10.0.0.5:7301, [::1]:7301).";
            return false;
        }

        endpoint = new AgentEndpoint(trimmed[..colon], port);
        return true;
    }

    /// <summary>A comma-separated list of endpoints, each once.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<AgentEndpoint> endpoints, out string error)
    {
        var parsed = new List<AgentEndpoint>();
        endpoints = parsed;
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParse(item, out var endpoint, out error))
            {
                return false;
            }

            if (parsed.Contains(endpoint))
            {
                error = $"{endpoint} is named twice; each agent takes one share.";
                return false;
            }

            parsed.Add(endpoint);
        }

        error = "";
        return parsed.Count > 0;
    }
}
