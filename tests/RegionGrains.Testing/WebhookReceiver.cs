using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RegionGrains.Testing;

/// <summary>One webhook request as the receiver got it, and whether its signature checked out.</summary>
public sealed record ReceivedWebhook(string Id, long Timestamp, string Body, bool SignatureValid);

/// <summary>
/// A webhook receiver on a loopback port that can be taken down and brought back on the same port. It verifies
/// signatures itself with the Standard Webhooks algorithm (HMAC-SHA256 over "{id}.{timestamp}.{body}", key the
/// base64 after "whsec_"), independently of the gateway's code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private WebApplication? _app;

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks";

    public ChannelReader<ReceivedWebhook> Received => _received.Reader;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = request.Headers["webhook-id"].ToString();
            var timestamp = long.Parse(request.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var key = Convert.FromBase64String(Secret["whsec_".Length..]);
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
            var valid = request.Headers["webhook-signature"].ToString().Split(' ').Contains(expected);
            _received.Writer.TryWrite(new ReceivedWebhook(id, timestamp, body, valid));
            return Results.NoContent();
        });
        await _app.StartAsync();
        Port = new Uri(_app.Urls.First()).Port;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Waits for deliveries until <paramref name="done"/> holds over all received so far; fails naming what was awaited.</summary>
    public async Task<List<ReceivedWebhook>> WaitUntilAsync(List<ReceivedWebhook> received, Func<List<ReceivedWebhook>, bool> done, TimeSpan timeout, string awaited)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (!done(received))
            {
                received.Add(await _received.Reader.ReadAsync(cancel.Token));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds:0}s waiting for {awaited}; received {string.Join(", ", received.Select(r => r.Id))}.");
        }

        return received;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
