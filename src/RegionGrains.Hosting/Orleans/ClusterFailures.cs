using Orleans.Runtime.Messaging;
using Orleans.Storage;
using RegionGrains.Hosting.Stores;
using RegionGrains.Journal;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// What a failed grain call says about the cluster, told by the exception's type only, never by its wording (which
/// Orleans and the store clients may change in any release). The cluster's store is part of the cluster: whichever
/// store runs, its being down or unreachable is the same outage for a caller, and each store says which of its
/// exceptions mean that (<see cref="ClusterStores.IsUnavailable"/>).
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
        _ when ClusterStores.IsUnavailable(exception) => true,
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
