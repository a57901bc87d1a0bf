using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RegionGrains.LoadTest.Tests.Support;

/// <summary>The real gateway (embedded silo) on a free loopback port, as the http command loads it.</summary>
public static class TestGateway
{
    /// <summary>
    /// Starts it on a data directory <paramref name="data"/> of the test's, as cluster <paramref name="clusterId"/>;
    /// with <paramref name="allowLoopbackWebhooks"/>, webhook targets on 127.0.0.1 are allowed (a receiver in the test).
    /// </summary>
    public static (WebApplicationFactory<global::Program> Gateway, int Port) Start(string data, string clusterId, bool allowLoopbackWebhooks = false)
    {
        var port = FreePort();
        var gateway = new WebApplicationFactory<global::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("RegionGrains:DataDirectory", data)
                .UseSetting("RegionGrains:ClusterId", clusterId)
                .UseSetting("urls", $"http://127.0.0.1:{port}");
            if (allowLoopbackWebhooks)
            {
                web.UseSetting("RegionGrains:Webhooks:AllowedTargets:0", "127.0.0.1/32");
            }
        });
        gateway.UseKestrel(port);
        gateway.StartServer();
        return (gateway, port);
    }

    /// <summary>A loopback port nothing listens on (free a moment ago).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
