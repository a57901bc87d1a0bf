using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Finds free loopback TCP ports, so that several silos can start on one machine without configuration.</summary>
internal static class FreePort
{
    /// <summary>
    /// <paramref name="count"/> distinct ports that were free a moment ago, none of them one this process's own HTTP
    /// server is configured to listen on (<see cref="HttpPorts"/>): that server binds only after the silo has started,
    /// so the kernel could otherwise hand its port, when it is an ephemeral one, to the silo first. Every candidate stays
    /// bound until all are picked, so two picks never return the same port.
    /// </summary>
    public static int[] Pick(int count, IReadOnlySet<int> avoid)
    {
        var listeners = new List<TcpListener>();
        try
        {
            var ports = new List<int>(count);
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (!avoid.Contains(port))
                {
                    ports.Add(port);
                }
            }

            return [.. ports];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>The ports named by the host's <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) and <c>http_ports</c>/<c>https_ports</c> settings.</summary>
    public static IReadOnlySet<int> HttpPorts(IConfiguration configuration)
    {
        var ports = new HashSet<int>();
        foreach (var url in (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "http://*:5000" and "http://+:5000" are not URIs, so the port is read after the last colon of the authority.
            var authority = url.Split("://", 2) is [_, var rest] ? rest.Split('/', 2)[0] : url;
            var colon = authority.LastIndexOf(':');
            if (colon >= 0 && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                ports.Add(port);
            }
        }

        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            foreach (var value in (configuration[key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    ports.Add(port);
                }
            }
        }

        return ports;
    }
}
