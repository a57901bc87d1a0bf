using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Events;

namespace RegionGrains.Grains.Webhooks;

/// <summary>
/// Posts signed deliveries (Standard Webhooks). Every connection is checked where it is made: the target's name is
/// resolved there and only addresses the rules allow are dialled, so a DNS answer that changed since the rule was
/// stored (or a name that points inside) reaches nothing private. Redirects are not followed, and no proxy is used.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;

    public WebhookSender(IOptions<WebhookOptions> options)
    {
        var allowed = options.Value.AllowedTargets.ToArray();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowed, cancellationToken),
        };
        _http = new HttpClient(handler) { Timeout = options.Value.AttemptTimeout };
    }

    /// <summary>The <c>webhook-signature</c> value: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
    public static string Sign(byte[] key, string id, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. prefix, .. body]));
    }

    /// <summary>One attempt: the target's status (null when it gave none) and, unless it was a 2xx, why it failed.</summary>
    public async Task<(int? Status, string? Error)> SendAsync(Uri target, string id, DateTimeOffset now, byte[] body, byte[] key)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Sign(key, id, timestamp, body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => (status, null),
                >= 300 and < 400 => (status, "The target answered a redirect, which is not followed."),
                _ => (status, $"The target answered {status}."),
            };
        }
        catch (HttpRequestException exception) when (exception.InnerException is TargetRefusedException refused)
        {
            return (null, refused.Message);
        }
        catch (HttpRequestException exception)
        {
            return (null, $"The target could not be reached: {exception.HttpRequestError}.");
        }
        catch (TaskCanceledException)
        {
            return (null, "The target did not answer in time.");
        }
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, string[] allowed, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var permitted = addresses.Where(a => WebhookRules.IsAllowed(endPoint.Host, a, allowed)).ToArray();
        if (permitted.Length == 0)
        {
            throw new TargetRefusedException($"{endPoint.Host} resolved to no address that targets may use (loopback, private and link-local ones need RegionGrains:Webhooks:AllowedTargets).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed class TargetRefusedException(string message) : Exception(message);
}
