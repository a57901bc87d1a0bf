namespace RegionGrains.LoadTest.Cli;

/// <summary>What every command against a running gateway checks of its address and takes of its key.</summary>
public static class GatewayAddress
{
    /// <summary>The address, always ending in a slash so relative paths append.</summary>
    public static Uri UriOf(string url) => new(url.EndsWith('/') ? url : url + "/");

    /// <summary>The key to send, from the option or else <see cref="HttpSettings.ApiKeyVariable"/>; null sends none.</summary>
    public static string? ApiKeyOr(string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? Environment.GetEnvironmentVariable(HttpSettings.ApiKeyVariable) is { Length: > 0 } key ? key : null : apiKey;

    /// <summary>An absolute http(s) address on this machine: load is only ever sent to loopback addresses.</summary>
    public static ValidationResult Validate(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"--url must be an absolute http(s) address, not '{url}'.");
        }

        return LoadHttpClient.IsLoopback(uri)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--url must point at this machine (localhost, 127.0.0.0/8 or [::1]); '{uri.Host}' is not loopback.");
    }
}
