using System.Net;
using System.Net.Sockets;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Finds a free loopback TCP port, so that several silos can start on one machine without configuration.</summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
