using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;

namespace RegionGrains.Testing;

/// <summary>
/// The PostgreSQL server of the run: <c>ConnectionStrings__postgres</c>, which .ci/run sets to a server of its own on
/// loopback. Locally the tests that need it skip with the reason when it is not set or does not answer; in CI
/// (<c>CI=true</c>) they run, and fail when it is missing.
/// </summary>
public static class PostgreSqlServer
{
    private const string Variable = "ConnectionStrings__postgres";
    private static readonly Lazy<string?> Problem = new(Probe);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : null;

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason => Problem.Value is { } problem && !RedisServer.IsCi
        ? problem + " In CI (CI=true) these tests fail instead."
        : null;

    /// <summary>Fails with what to do when the server is not configured or does not answer.</summary>
    public static string EnsureAnswers()
    {
        if (Problem.Value is { } problem)
        {
            Assert.Fail(problem);
        }

        return ConnectionString!;
    }

    private static string? Probe()
    {
        if (ConnectionString is not { } connectionString)
        {
            return $"{Variable} is not set; run .ci/run, which starts a PostgreSQL of its own, or point it at a server the tests may write to.";
        }

        // A TCP connect is enough to tell "no server there" from a server; the silos report anything else themselves.
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var host = builder.TryGetValue("Host", out var h) ? Convert.ToString(h, CultureInfo.InvariantCulture)! : "localhost";
        var port = builder.TryGetValue("Port", out var p) ? Convert.ToInt32(p, CultureInfo.InvariantCulture) : 5432;
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(3)))
            {
                return $"The PostgreSQL server of {Variable} ({host}:{port}) did not answer within 3 s.";
            }

            return null;
        }
        catch (AggregateException exception) when (exception.InnerException is SocketException socket)
        {
            return $"The PostgreSQL server of {Variable} ({host}:{port}) could not be reached: {socket.Message}";
        }
    }
}
