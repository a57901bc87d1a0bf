using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway in its embedded default (a co-hosted silo on SQLite), in the Production environment
/// so that error bodies are what users get, on a data directory of its own.
/// </summary>
public class GatewayFactory(string dataDirectory) : WebApplicationFactory<Program>
{
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "regiongrains-gateway-tests", Guid.NewGuid().ToString("N"));

    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("RegionGrains:DataDirectory", DataDirectory);
    }
}

/// <summary>The gateway shared by the tests of <see cref="GatewayCollection"/>.</summary>
public sealed class SharedGateway() : GatewayFactory(NewDataDirectory());

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<SharedGateway>
{
    public const string Name = "Gateway";
}

/// <summary>
/// The gateway served by Kestrel on a free loopback port, for what only the real server shows: its own limits (a body
/// without a length that runs past 64 KiB is stopped while it is read) and the answers the gateway gives then. The
/// other tests use the in-memory server, which passes every request to the gateway.
/// </summary>
public sealed class KestrelGateway : GatewayFactory
{
    public KestrelGateway()
        : base(NewDataDirectory())
    {
        UseKestrel(0);
    }
}

[CollectionDefinition(Name)]
public sealed class KestrelGatewayCollection : ICollectionFixture<KestrelGateway>
{
    public const string Name = "Kestrel gateway";
}
