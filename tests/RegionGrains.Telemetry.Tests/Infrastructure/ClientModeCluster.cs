using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RegionGrains.Grains;
using RegionGrains.Hosting.Orleans;
using RegionGrains.ServiceDefaults.Telemetry;

namespace RegionGrains.Telemetry.Tests.Infrastructure;

/// <summary>
/// The gateway as an Orleans client (<c>RegionGrains:Gateway:Mode=Client</c>) of a separate silo host, both in
/// this process on one temporary data directory, wired as the silo executable wires itself. Each host has its
/// own tracer provider with an in-memory exporter; both write to <see cref="Spans"/>. Grain calls between them
/// go over Orleans' TCP connections, so a shared trace id proves propagation, not a shared thread.
/// </summary>
public sealed class ClientModeCluster : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "regiongrains-telemetry-tests", Guid.NewGuid().ToString("N"));

    public SpanCollection Spans { get; } = new();

    public WebApplication Silo { get; private set; } = null!;

    public ClientGateway Gateway { get; private set; } = null!;

    /// <summary>The silo's own HTTP address (health and /metrics).</summary>
    public Uri SiloHttp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RegionGrains:DataDirectory"] = _dataDirectory,
            ["RegionGrains:Catalog:Seed"] = "false",
        });
        builder.AddRegionGrainsTelemetry(TelemetryServiceNames.Silo);
        builder.AddRegionGrainsSilo();
        builder.Services.AddRegionGrains();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        Silo = builder.Build();
        Silo.MapRegionGrainsMetrics();
        await Silo.StartAsync();
        SiloHttp = new Uri(Silo.Urls.First());

        Gateway = new ClientGateway(_dataDirectory, Spans);
        await WaitUntilReadyAsync(Gateway, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        TempDirectory.TryDelete(_dataDirectory);
    }

    /// <summary>A client gateway connects in the background; tests start once it says it reached the silo.</summary>
    private static async Task WaitUntilReadyAsync(ClientGateway gateway, TimeSpan timeout)
    {
        var client = gateway.CreateClient();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await gateway.Services.GetRequiredService<ClusterClientConnection>().WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The client-mode gateway did not connect to the silo within {timeout.TotalSeconds:0}s.");
        }

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"The connected client-mode gateway is not ready: {(int)ready.StatusCode}.");
    }

    /// <summary>The real gateway in Client mode.</summary>
    public sealed class ClientGateway(string dataDirectory, SpanCollection spans) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("RegionGrains:Gateway:Mode", "Client");
            builder.UseSetting("RegionGrains:DataDirectory", dataDirectory);
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClientModeCollection : ICollectionFixture<ClientModeCluster>
{
    public const string Name = "Client-mode gateway";
}
