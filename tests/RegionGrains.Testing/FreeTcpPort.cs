using System.Net;
using System.Net.Sockets;

namespace RegionGrains.Testing;

/// <summary>A loopback port that was free a moment ago, for the HTTP address of a process under test.</summary>
public static class FreeTcpPort
{
    public static Uri NewLoopbackHttpAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }
}
