using StackExchange.Redis;

namespace RegionGrains.Redis;

/// <summary>
/// A process's one connection to the Redis server, shared by everything in it that talks to Redis: membership,
/// reminders, the journal and the readiness check. StackExchange.Redis multiplexes every caller's commands over one
/// connection and reconnects it by itself, so one per process is its intended use; each further multiplexer is one
/// more socket, reconnect loop and heartbeat against the server. Orleans' Redis providers take it as shared, so
/// they never dispose it; the service provider that created it does, after the silo or client has stopped.
/// </summary>
/// <remarks>
/// It connects with <c>AbortOnConnectFail=false</c>: a server that is down when the process first needs it is
/// connected to once it answers, and every command meanwhile fails with a <see cref="RedisConnectionException"/>
/// (which the store classifies as "unavailable"), instead of a failed first connection being kept for the life of
/// the process.
/// </remarks>
public sealed class SharedRedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    /// <param name="options">The server and client settings, from <see cref="RedisConnection.Read"/>; copied, not changed.</param>
    public SharedRedisConnection(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Clone();
        configured.AbortOnConnectFail = false;
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(configured));
    }

    /// <summary>The connection, connecting on first use.</summary>
    public async Task<IConnectionMultiplexer> GetAsync() => await _connection.Value.ConfigureAwait(false);

    /// <summary>Closes the connection if it was opened.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }
}
