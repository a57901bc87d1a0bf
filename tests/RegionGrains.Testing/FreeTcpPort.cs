using System.Net;
using System.Net.Sockets;

namespace RegionGrains.Testing;

/// <summary>Loopback ports that were free a moment ago, for the addresses of processes and servers under test.</summary>
public static class FreeTcpPort
{
    /// <summary>A loopback port nothing listened on a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An HTTP address on such a port.</summary>
    public static Uri NewLoopbackHttpAddress() => new($"http://127.0.0.1:{Next()}/");
}
