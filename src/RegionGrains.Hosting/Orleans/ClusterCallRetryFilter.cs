using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using RegionGrains.Journal;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Carries a client's grain calls through silos leaving and joining (a rolling restart, a scale-in): a call that
/// failed in a way that proves it changed nothing is sent again, for up to <see cref="Budget"/>. Those failures are
/// a message rejected before any grain ran it (its silo was stopping, or the client's gateway was), a connection that
/// could not be opened, and a state write refused for a stale version (<see cref="InconsistentStateException"/>:
/// another activation of the grain wrote first, while the directory moved; the grain kept nothing of the change and
/// Orleans deactivates it, so the next attempt reads the current state), and a message that expired before it could
/// be placed on any silo. A call that may have run (its silo went away with the call in flight) is retried only when
/// running it twice has the effect of running it once (<see cref="IdempotentGrainCalls"/>); a call whose answer timed
/// out is not retried. Any other failure reaches the caller (a 503), and the caller decides.
/// </summary>
internal sealed partial class ClusterCallRetryFilter(ILogger<ClusterCallRetryFilter> logger) : IOutgoingGrainCallFilter
{
    /// <summary>
    /// How long one call may be retried, from its first attempt; after it the failure reaches the caller (a 503 at the
    /// gateway). The client's response timeout: a caller never waits longer for a retried call than for one answer,
    /// and when no silo is reachable at all the 503 still comes within seconds.
    /// </summary>
    public static readonly TimeSpan Budget = ClusterClientTuning.ResponseTimeout;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            ExceptionDispatchInfo? thrown = null;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception exception)
            {
                thrown = ExceptionDispatchInfo.Capture(exception);
                failure = exception;
            }

            if (failure is null || !MaySendAgain(context, failure) || Stopwatch.GetElapsedTime(started) + delay > Budget)
            {
                if (failure is not null && attempt > 1)
                {
                    LogGaveUp(context.InterfaceName, context.MethodName, attempt, failure.GetType().Name);
                }

                // A failure that came as an answer stays in context.Response for the caller; one that was thrown is rethrown.
                thrown?.Throw();
                return;
            }

            LogRetrying(context.InterfaceName, context.MethodName, attempt, failure.GetType().Name, failure.Message);
            await Task.Delay(delay);
            delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
        }
    }

    /// <summary>
    /// Whether sending the call again is safe: always when the failure proves the call changed nothing; also when
    /// it may have run but running it twice has the effect of running it once (<see cref="IdempotentGrainCalls"/>).
    /// </summary>
    internal static bool MaySendAgain(IOutgoingGrainCallContext context, Exception failure) =>
        ChangedNothing(failure) || (MayHaveRun(failure) && IdempotentGrainCalls.Contains(context.InterfaceMethod));

    /// <summary>Whether the failure proves the call changed nothing, so sending it again cannot apply it twice.</summary>
    internal static bool ChangedNothing(Exception exception) => exception switch
    {
        // A silo that became unavailable may have run the call before it went; see MayHaveRun.
        SiloUnavailableException => false,
        OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException => true,
        // The journal refused a stale append and stored nothing of it; the grain deactivates and the retry reads the head.
        JournalConflictException => true,
        InconsistentStateException => true,
        // The message expired before any silo could place it; it never reached a grain.
        OperationCanceledException => ClusterFailures.ExpiredBeforePlacement(exception),
        AggregateException { InnerExceptions.Count: 1 } aggregate => ChangedNothing(aggregate.InnerExceptions[0]),
        _ => false,
    };

    /// <summary>
    /// A failure after which the call may or may not have run: its silo went away with the call in flight. A timed-out
    /// call is not resent: it already used the whole <see cref="Budget"/>.
    /// </summary>
    internal static bool MayHaveRun(Exception exception) => exception is SiloUnavailableException;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Interface}.{Method} attempt {Attempt} failed without effect ({ExceptionType}: {Reason}); sending it again")]
    private partial void LogRetrying(string @interface, string method, int attempt, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} still failing after {Attempts} attempts ({ExceptionType}); giving up")]
    private partial void LogGaveUp(string @interface, string method, int attempts, string exceptionType);
}
