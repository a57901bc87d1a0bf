using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RegionGrains.Abstractions.Events;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Events;

/// <summary>
/// A webhook receiver on a free loopback port in this process: it checks every delivery's Standard Webhooks signature
/// (<see cref="StandardWebhookSignature"/>), answers 204, and keeps when each <c>webhook-id</c> first arrived (a
/// <see cref="Stopwatch"/> timestamp), so a run can tell when every event it caused was delivered.
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _firstArrival = new(StringComparer.Ordinal);
    private int _repeats;
    private int _badSignatures;

    private WebhookSink(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the gateway delivers to.</summary>
    public Uri Url { get; }

    /// <summary>Deliveries of an id that had arrived before (at least once delivery allows them).</summary>
    public int Repeats => Volatile.Read(ref _repeats);

    /// <summary>Deliveries whose signature did not verify; they are answered 401 and not counted as arrived.</summary>
    public int BadSignatures => Volatile.Read(ref _badSignatures);

    /// <summary>When <paramref name="webhookId"/> first arrived, or null.</summary>
    public long? ArrivedAt(string webhookId) => _firstArrival.TryGetValue(webhookId, out var at) ? at : null;

    /// <summary>Starts the receiver, verifying with <paramref name="secret"/> (<c>whsec_</c> and base64).</summary>
    public static async Task<WebhookSink> StartAsync(string secret, CancellationToken cancellationToken)
    {
        if (!WebhookRules.TryDecodeSecret(secret, out var key))
        {
            throw new ArgumentException(ValidationMessages.WebhookSecret, nameof(secret));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookSink? sink = null;
        app.MapPost("/webhooks", async (HttpRequest request) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var id = request.Headers["webhook-id"].ToString();
            var timestamp = long.TryParse(request.Headers["webhook-timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
            if (id.Length == 0 || !StandardWebhookSignature.Verifies(key, id, timestamp, buffer.ToArray(), request.Headers["webhook-signature"].ToString()))
            {
                Interlocked.Increment(ref sink!._badSignatures);
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            if (!sink!._firstArrival.TryAdd(id, arrived))
            {
                Interlocked.Increment(ref sink._repeats);
            }

            return Results.NoContent();
        });
        await app.StartAsync(cancellationToken);
        sink = new WebhookSink(app, new Uri(app.Urls.First().TrimEnd('/') + "/webhooks"));
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
