using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry.Trace;

namespace RegionGrains.Telemetry.Tests.Infrastructure;

/// <summary>
/// The real gateway in its embedded default (a co-hosted silo on SQLite, in a temporary data directory),
/// with an in-memory exporter added to the tracing it configures itself.
/// </summary>
public sealed class EmbeddedGateway : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "regiongrains-telemetry-tests", Guid.NewGuid().ToString("N"));

    public SpanCollection Spans { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("RegionGrains:DataDirectory", DataDirectory);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TempDirectory.TryDelete(DataDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedGatewayCollection : ICollectionFixture<EmbeddedGateway>
{
    public const string Name = "Embedded gateway";
}
