using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>Request rates and event streams are limited per caller, and streams in total.</summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class LimitTests(SecuredGateway gateway)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ACallerOverItsRateIsRefusedWith429AndRetryAfter()
    {
        // The key allows one request a second and no burst: twenty in a row cannot all pass.
        using var limited = gateway.ClientFor(apiKey: SecuredGateway.Keys["limited"]);
        using var other = gateway.ClientFor(apiKey: SecuredGateway.Keys["reader"]);

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await limited.GetAsync("/api/footprint");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        await HttpAssert.Problem(refused, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        // Limits are per caller: another caller is not affected.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/footprint")).StatusCode);
    }

    [Fact]
    public async Task EventStreamsAreCappedPerCallerAndInTotalAndFreedWhenClosed()
    {
        var hub = gateway.Services.GetRequiredService<FootprintEventHub>();
        await WaitForOpenStreams(hub, 0);
        using var reader = gateway.ClientFor(apiKey: SecuredGateway.Keys["reader"]);
        using var operatorClient = gateway.ClientFor(apiKey: SecuredGateway.Keys["operator"]);
        using var admin = gateway.ClientFor(apiKey: SecuredGateway.Keys["admin"]);

        var first = await OpenStream(reader);
        var second = await OpenStream(reader);
        var perCaller = await reader.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead);
        await HttpAssert.Problem(perCaller, HttpStatusCode.TooManyRequests, "too-many-streams");
        Assert.NotNull(perCaller.Headers.RetryAfter);

        var third = await OpenStream(operatorClient);
        var total = await admin.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead);
        await HttpAssert.Problem(total, HttpStatusCode.TooManyRequests, "too-many-streams");
        Assert.Equal(SecuredGateway.StreamsTotal, hub.OpenStreams);

        first.Dispose();
        await WaitForOpenStreams(hub, SecuredGateway.StreamsTotal - 1);
        var again = await OpenStream(reader);

        foreach (var stream in new[] { second, third, again })
        {
            stream.Dispose();
        }

        // Everything a stream held is released once it closes: no listener stays behind.
        await WaitForOpenStreams(hub, 0);
    }

    private static async Task<HttpResponseMessage> OpenStream(HttpClient client)
    {
        var response = await client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private static async Task WaitForOpenStreams(FootprintEventHub hub, int expected)
    {
        var changed = new SemaphoreSlim(0);
        void OnChange() => changed.Release();
        hub.StreamsChanged += OnChange;
        try
        {
            using var timeout = new CancellationTokenSource(Bound);
            while (hub.OpenStreams != expected)
            {
                try
                {
                    await changed.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"Waited {Bound} for {expected} open event streams; {hub.OpenStreams} are open.");
                }
            }
        }
        finally
        {
            hub.StreamsChanged -= OnChange;
        }
    }
}
