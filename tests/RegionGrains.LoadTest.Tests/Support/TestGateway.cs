using Microsoft.AspNetCore.Mvc.Testing;
using RegionGrains.Testing;

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
        var port = FreeTcpPort.Next();
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

}
