using System.Net.Sockets;
using System.Text;

namespace RegionGrains.Testing;

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

    /// <summary>Whether the server answered the first time it was asked.</summary>
    public static bool IsAnswering => Answers.Value;

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
            Assert.Fail($"No Redis server answers at {ConnectionString}; .ci/run starts one (redis-server on loopback) and exports ConnectionStrings__redis.");
        }
    }

    /// <summary>Deletes a finished test cluster's keys (membership and grain state), so a developer's Redis does not fill up.</summary>
    public static void DeleteKeys(string prefix)
    {
        const string Script = "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) n = n + 1 end return n";
        Command("EVAL", Script, "0", prefix + "*");
    }

    private static bool Ping()
    {
        var reply = Command("PING");
        return reply is not null && (reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith("-NOAUTH", StringComparison.Ordinal));
    }

    /// <summary>Sends one command in the Redis protocol and returns the start of the reply, or null when the server cannot be reached.</summary>
    private static string? Command(params string[] parts)
    {
        try
        {
            var (host, port) = Endpoint();
            using var client = new TcpClient();
            if (!client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)))
            {
                return null;
            }

            var request = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
            foreach (var part in parts)
            {
                request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
            }

            var stream = client.GetStream();
            stream.ReadTimeout = 5000;
            stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
            var buffer = new byte[256];
            var read = stream.Read(buffer);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception exception) when (exception is SocketException or IOException or AggregateException)
        {
            return null;
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
