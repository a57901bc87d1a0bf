using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RegionGrains.LoadTest.Baselines;

/// <summary>
/// The HTTP baseline: Kestrel with one minimal-API route on a free loopback port, in this process, that
/// serializes a fixed JSON document (a region as the gateway returned it, so the same size and shape)
/// on every request. What the gateway costs beyond this is routing to a grain and mapping its answer.
/// </summary>
public sealed class BareKestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareKestrelServer(WebApplication app, Uri baseAddress, int bodyBytes)
    {
        _app = app;
        BaseAddress = baseAddress;
        BodyBytes = bodyBytes;
    }

    /// <summary>Prefix of the route; append a region id.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Cancelled when the host is asked to stop (SIGTERM, Ctrl+C).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Size of the JSON body it serves.</summary>
    public int BodyBytes { get; }

    /// <summary>Starts the server on <paramref name="url"/>, or on a free loopback port when it is null.</summary>
    public static async Task<BareKestrelServer> StartAsync(string json, CancellationToken cancellationToken, string? url = null)
    {
        using var parsed = JsonDocument.Parse(json);
        var document = parsed.RootElement.Clone();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url ?? "http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/baseline/regions/{id}", (string id) => TypedResults.Ok(document));
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        // Measured with the options the route serializes with, so the size is what goes over the wire.
        var options = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var size = JsonSerializer.SerializeToUtf8Bytes(document, options).Length;
        return new BareKestrelServer(app, new Uri(address.TrimEnd('/') + "/baseline/regions/"), size);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
