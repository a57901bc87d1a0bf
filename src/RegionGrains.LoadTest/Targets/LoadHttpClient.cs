using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Targets;

/// <summary>An <see cref="HttpClient"/> set up for load: one pooled connection per worker, no proxy, cookies, redirects or decompression.</summary>
public static class LoadHttpClient
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The header an API key travels in (the gateway's X-Api-Key scheme).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>A client with <paramref name="connections"/> connections, sending <paramref name="apiKey"/> on every request when given.</summary>
    public static HttpClient Create(int connections, string? apiKey = null)
    {
        var client = CreateClient(connections);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        return client;
    }

    private static HttpClient CreateClient(int connections) => new(
        new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        },
        disposeHandler: true)
    {
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>Whether <paramref name="uri"/> points at this machine; load is only ever sent to loopback addresses.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Sends and reads the whole body, as a real client would, then discards it.</summary>
    public static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        return response.StatusCode;
    }
}
