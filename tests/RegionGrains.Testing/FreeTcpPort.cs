using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RegionGrains.Testing;

/// <summary>
/// Loopback ports that were free a moment ago, for the addresses of processes and servers under test. They are taken
/// below the kernel's ephemeral range: a port chosen there and released until the process under test binds it could
/// meanwhile be handed to anyone's outgoing connection or to a listener on port 0 (a silo's own Orleans endpoints
/// are), which made a restarting process fail with "address already in use". This process never hands out one port
/// twice; each is checked free by binding it.
/// </summary>
public static class FreeTcpPort
{
    private const int Lowest = 20_000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly int EphemeralLow = ReadEphemeralLow();

    /// <summary>A loopback port nothing listened on a moment ago.</summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 200 && EphemeralLow - Lowest > 1_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, EphemeralLow);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }

            // No room below the ephemeral range on this machine: let the kernel choose.
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var chosen = ((IPEndPoint)listener.LocalEndpoint).Port;
            HandedOut.Add(chosen);
            return chosen;
        }
    }

    /// <summary>An HTTP address on such a port.</summary>
    public static Uri NewLoopbackHttpAddress() => new($"http://127.0.0.1:{Next()}/");

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int ReadEphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range)
            && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low))
        {
            return low;
        }

        // Windows' and macOS's default dynamic ranges start at 49152.
        return 49_152;
    }
}
