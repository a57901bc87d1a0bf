using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Persistence.Redis;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using RegionGrains.Journal;
using RegionGrains.Sqlite;
using StackExchange.Redis;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// What a failed grain call says about the cluster, told by the exception's type only, never by its wording (which
/// Orleans and the store clients may change in any release). Beside the code that chooses the provider, because the
/// cluster's store is part of the cluster: whichever <see cref="ClusterProvider"/> runs, its store being down or
/// unreachable is the same outage for a caller.
/// </summary>
public static class ClusterFailures
{
    /// <summary>
    /// Whether the call failed because the cluster (a silo, the connection to it, or its store) cannot serve it right
    /// now, so that a caller may retry shortly (a 503), rather than because of a fault in the request or the code.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // Orleans' client reports "no gateway" by type: none in the membership table is a SiloUnavailableException,
        // none reachable a ConnectionFailedException, none left for a message an OrleansMessageRejectionException.
        SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or GatewayTooBusyException => true,
        TimeoutException or InconsistentStateException or JournalConflictException => true,
        RedisStorageException or RedisConnectionException or RedisTimeoutException => true,
        NpgsqlException => true,
        // SQLite's file busy past its timeout (another process holds it), a full or failing disk, a damaged or unwritable
        // file. All of them, by type like Npgsql's: the result code does not cross the wire to a client-mode gateway
        // (Orleans carries an exception's type, message and stack, not its properties).
        SqliteException or SqliteDataFileException => true,
        OperationCanceledException => ExpiredBeforePlacement(exception),
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    /// <summary>
    /// Whether a silo gave up placing the call because the message expired first: it happens while a dead silo's part
    /// of the grain directory moves, and the message never reached a grain. Orleans throws a bare
    /// <see cref="OperationCanceledException"/> for it, made without a token; a cancellation that anyone asked for
    /// carries the token that asked (no grain method here takes one, and a web request's abort carries its own).
    /// </summary>
    public static bool ExpiredBeforePlacement(Exception exception) =>
        exception is OperationCanceledException { CancellationToken.CanBeCanceled: false };
}
