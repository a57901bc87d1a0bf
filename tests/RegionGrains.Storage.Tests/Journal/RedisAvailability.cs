using StackExchange.Redis;

namespace RegionGrains.Storage.Tests.Journal;

/// <summary>
/// Whether the Redis server of <c>ConnectionStrings__redis</c> (127.0.0.1:6379 when unset) answers. Locally the Redis
/// tests skip with the reason when none does; in CI (<c>CI=true</c>), where .ci/run starts Redis, they fail instead,
/// so a missing server can never pass for green.
/// </summary>
internal static class RedisAvailability
{
    private static readonly Lazy<bool> Answered = new(Ping);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__redis") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    public static bool Answers => Answered.Value;

    public static void SkipUnlessAnswering()
    {
        var reason = $"No Redis server answers at {ConnectionString} (ConnectionStrings__redis): start redis-server, or run .ci/run, which starts one. Skipped only outside CI: with CI=true these tests fail instead.";
        if (!Answers)
        {
            Skip.If(!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), reason);
            Assert.Fail(reason);
        }
    }

    private static bool Ping()
    {
        try
        {
            var options = ConfigurationOptions.Parse(ConnectionString);
            options.ConnectTimeout = 2_000;
            options.AbortOnConnectFail = true;
            using var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }
}
