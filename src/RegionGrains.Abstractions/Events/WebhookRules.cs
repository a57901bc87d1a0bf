using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Events;

/// <summary>The rules of webhook rules, used alike by the gateway (400s) and the silos (before every delivery).</summary>
public static class WebhookRules
{
    /// <summary>What a Standard Webhooks secret starts with.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>A rule name has the form of a region id.</summary>
    public static bool IsValidName([NotNullWhen(true)] string? name) => RegionNames.IsValidRegionId(name);

    /// <summary>The HMAC key of a Standard Webhooks secret (<c>whsec_</c> + base64).</summary>
    public static bool TryDecodeSecret(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret.AsSpan(SecretPrefix.Length);
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written is < 24 or > 64)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    /// <summary>An absolute http or https URL without user information or fragment.</summary>
    public static bool TryParseTarget(string? url, [NotNullWhen(true)] out Uri? target) =>
        Uri.TryCreate(url, UriKind.Absolute, out target)
        && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps)
        && target.UserInfo.Length == 0
        && target.Fragment.Length == 0
        && target.Host.Length > 0;

    /// <summary>Whether a target named <paramref name="host"/> may be reached at <paramref name="address"/>.</summary>
    public static bool IsAllowed(string host, IPAddress address, IReadOnlyList<string> allowedTargets)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IsPublic(address))
        {
            return true;
        }

        foreach (var allowed in allowedTargets)
        {
            if (string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase)
                || (IPNetwork.TryParse(allowed, out var network) && network.Contains(address)))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/127"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Not loopback, private, link-local, shared (CGNAT), unspecified or multicast.</summary>
    public static bool IsPublic(IPAddress address) =>
        address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !NonPublic.Any(n => n.Contains(address));
}
