using Npgsql;
using Orleans.Reminders.Redis;
using RegionGrains.PostgreSql;
using RegionGrains.Redis;
using StackExchange.Redis;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// A silo cannot start without its cluster's store (membership lives there). When the configured Redis server or
/// PostgreSQL database cannot be used at start-up, the process says which and what to check in one line, and exits
/// (an orchestrator restarts it until the store is back), instead of the store client's stack trace. Passed to
/// <c>StartupErrors.ExitOnStartupError</c> by the gateway's and the silo's Program.cs; SQLite's own start-up failures
/// are worded by <c>SqliteDataFileException</c>.
/// </summary>
public static class StoreStartupErrors
{
    /// <summary>The one-line explanation of a store that cannot be used, or null when the failure is something else.</summary>
    public static string? Explain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            var (store, setting) = current switch
            {
                // Orleans' Redis reminder table words a connection failure as its own exception, with the client's in its message.
                RedisConnectionException or RedisTimeoutException or RedisRemindersException => ("the Redis server", $"ConnectionStrings:{RedisConnection.Name}"),
                NpgsqlException => ("the PostgreSQL database", $"ConnectionStrings:{PostgreSqlConnection.Name}"),
                _ => (null, null),
            };
            if (store is not null)
            {
                return $"Cannot start: {store} in {setting} cannot be used: {Reason(current)} " +
                    $"Start it, or correct {setting}; a silo does not start without its cluster's store.";
            }
        }

        return null;
    }

    /// <summary>The client's first sentence (the Redis client goes on with advice for code), with the socket error under it.</summary>
    private static string Reason(Exception exception)
    {
        var message = exception.Message.ReplaceLineEndings(" ").Trim();
        if (exception is RedisRemindersException && message.IndexOf(": ", StringComparison.Ordinal) is > 0 and var prefix &&
            !message[..prefix].Contains(' ', StringComparison.Ordinal))
        {
            // "StackExchange.Redis.RedisConnectionException: It was not possible to connect…": the wrapped client's words.
            message = message[(prefix + 2)..];
        }

        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var first = (end < 0 ? message : message[..end]).TrimEnd('.');
        return exception.InnerException is { } inner && !string.IsNullOrWhiteSpace(inner.Message) && !first.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{first} ({inner.Message.TrimEnd('.')})."
            : $"{first}.";
    }
}
