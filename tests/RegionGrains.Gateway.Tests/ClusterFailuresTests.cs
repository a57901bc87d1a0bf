using Npgsql;
using Orleans.Runtime.Messaging;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Journal;
using StackExchange.Redis;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Which failures the gateway answers as 503 "cluster unavailable" (the rest are 500s): told by type, whatever the
/// message says, so that a reworded Orleans or client message changes nothing.
/// </summary>
public sealed class ClusterFailuresTests
{
    public static TheoryData<string, Exception> Outages() => new()
    {
        { "no gateway in the membership table", new SiloUnavailableException("Could not find any gateway") },
        { "no gateway reachable", new ConnectionFailedException("There are no available gateways.") },
        { "an answer that timed out", new TimeoutException("Response did not arrive on time") },
        { "a stale journal append", JournalConflictException.For("r", expectedHead: 1, actualHead: 2) },
        { "Redis unreachable", new RedisConnectionException(ConnectionFailureType.UnableToConnect, "It was not possible to connect") },
        { "PostgreSQL unreachable", new NpgsqlException("Failed to connect") },
        { "SQLite busy past its timeout", new Microsoft.Data.Sqlite.SqliteException("database is locked", 5) },
        { "SQLite on a full disk", new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13) },
        { "a SQLite file that cannot be used", RegionGrains.Sqlite.SqliteDataFileException.For("/data/regiongrains.db", new Microsoft.Data.Sqlite.SqliteException("file is not a database", 26))! },
        { "a message that expired before placement", new OperationCanceledException("Message expired before placement could complete for grain region/x.") },
        { "an outage wrapped by the host", new AggregateException(new InvalidOperationException("wrapped", new SiloUnavailableException())) },
    };

    public static TheoryData<string, Exception> Faults() => new()
    {
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "an Orleans error whose message merely names a gateway", new OrleansException("The gateway rejected the grain type") },
        { "a cancellation someone asked for", new OperationCanceledException(new CancellationToken(canceled: true)) },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void AnOutageOfTheClusterOrItsStoreIsUnavailable(string what, Exception failure) =>
        Assert.True(ClusterFailures.IsUnavailable(failure), what);

    [Theory]
    [MemberData(nameof(Faults))]
    public void AFaultIsNotAnOutageWhateverItsMessageSays(string what, Exception failure) =>
        Assert.False(ClusterFailures.IsUnavailable(failure), what);
}
