using System.Net.Sockets;
using System.Text;

namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>
/// The Redis server the Redis tests use: <c>ConnectionStrings__redis</c> (as the silos read it), 127.0.0.1:6379 when
/// unset. <c>.ci/run</c> starts one; locally the tests skip when none answers, but in CI (<c>CI=true</c>) they run
/// and fail, so a missing server can never pass for green.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<bool> Answers = new(Ping);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__redis") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the Redis tests are skipped, or null when they run.</summary>
    public static string? SkipReason => Answers.Value || IsCi
        ? null
        : $"No Redis server answers at {Endpoint().Host}:{Endpoint().Port} (ConnectionStrings__redis); start one (redis-server) to run these tests. In CI (CI=true) they fail instead.";

    /// <summary>Fails with what to do when Redis does not answer.</summary>
    public static void EnsureAnswers()
    {
        if (!Answers.Value)
        {
            Assert.Fail($"No Redis server answers at {ConnectionString}; .ci/run starts one (redis-server on 127.0.0.1:6379) and exports ConnectionStrings__redis.");
        }
    }

    private static bool Ping()
    {
        try
        {
            var (host, port) = Endpoint();
            using var client = new TcpClient();
            if (!client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)))
            {
                return false;
            }

            var stream = client.GetStream();
            stream.ReadTimeout = 2000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                || Encoding.ASCII.GetString(buffer, 0, read).StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or AggregateException)
        {
            return false;
        }
    }

    private static (string Host, int Port) Endpoint()
    {
        // The first comma-separated element of a StackExchange.Redis connection string is host[:port].
        var first = ConnectionString.Split(',')[0].Trim();
        var colon = first.LastIndexOf(':');
        return colon > 0 && int.TryParse(first[(colon + 1)..], out var port) ? (first[..colon], port) : (first, 6379);
    }
}
