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
