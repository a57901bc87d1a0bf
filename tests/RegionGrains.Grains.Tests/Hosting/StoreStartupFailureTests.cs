using Npgsql;
using RegionGrains.Hosting.Stores;
using StackExchange.Redis;

namespace RegionGrains.Grains.Tests.Hosting;

/// <summary>Which start-up failures are the cluster's store being out of reach, and how the operator is told.</summary>
public sealed class StoreStartupFailureTests
{
    [Fact]
    public void AnUnreachableRedisServerIsNamedWithoutTheClientsAdviceForCode()
    {
        var failure = new RedisConnectionException(
            ConnectionFailureType.UnableToConnect,
            "It was not possible to connect to the redis server(s). Error connecting right now. To allow this multiplexer to continue retrying until it's able to connect, use abortConnect=false in your connection string.");

        Assert.Equal(
            "Cannot start: the Redis server in ConnectionStrings:redis cannot be used: It was not possible to connect to the redis server(s). Start it, or correct ConnectionStrings:redis; a silo does not start without its cluster's store.",
            ClusterStores.ExplainStartupFailure(new AggregateException(failure)));
    }

    [Fact]
    public void AnUnreachableDatabaseIsNamedWithTheSocketsReason()
    {
        var failure = new NpgsqlException("Failed to connect to 127.0.0.1:5499", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var explanation = ClusterStores.ExplainStartupFailure(failure);

        Assert.NotNull(explanation);
        Assert.StartsWith("Cannot start: the PostgreSQL database in ConnectionStrings:postgres cannot be used: Failed to connect to 127.0.0.1:5499 (", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AnythingElseIsLeftToTheOtherExplanations() =>
        Assert.Null(ClusterStores.ExplainStartupFailure(new InvalidOperationException("Sequence contains no elements")));
}
