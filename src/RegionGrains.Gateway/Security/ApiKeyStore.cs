using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// The configured API keys, looked up by the SHA-256 of the key a caller presents. Only hashes are configured: the
/// keys are long random strings, so a plain hash is enough (no salt or slow hash needed against guessing), and a
/// lookup by hash reveals nothing about a key through its timing. Rebuilt when configuration changes (rotation).
/// </summary>
internal sealed class ApiKeyStore
{
    private const string HashPrefix = "sha256:";

    private volatile FrozenDictionary<string, ApiKey> _byHash;

    public ApiKeyStore(IOptionsMonitor<AuthOptions> options)
    {
        _byHash = Build(options.CurrentValue);
        options.OnChange(o => _byHash = Build(o));
    }

    public bool TryFind(string presented, out ApiKey key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        return _byHash.TryGetValue(Convert.ToHexStringLower(hash), out key!);
    }

    /// <summary>Whether a configured hash is well-formed: 64 hex digits, optionally prefixed <c>sha256:</c>.</summary>
    public static bool IsValidHash(string? hash) =>
        Normalize(hash) is { Length: SHA256.HashSizeInBytes * 2 } hex && hex.All(char.IsAsciiHexDigit);

    /// <summary>The hash to configure for <paramref name="key"/>.</summary>
    public static string HashOf(string key) => HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static FrozenDictionary<string, ApiKey> Build(AuthOptions options) => options.ApiKeys
        .Where(p => IsValidHash(p.Value.Hash))
        .ToFrozenDictionary(p => Normalize(p.Value.Hash)!, p => new ApiKey(p.Key, [.. p.Value.Roles], p.Value.RequestsPerSecond), StringComparer.Ordinal);

    private static string? Normalize(string? hash)
    {
        var text = hash?.Trim();
        if (text is not null && text.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[HashPrefix.Length..];
        }

        return text?.ToLowerInvariant();
    }
}

/// <summary>A configured key: the caller's name, roles and own request rate.</summary>
internal sealed record ApiKey(string Name, string[] Roles, int? RequestsPerSecond);
