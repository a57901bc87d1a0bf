using Microsoft.Extensions.Logging;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Keeps retrying the client's first connection for as long as the process runs, so a gateway may start before any
/// silo (Orleans' default gives up after about 15 attempts and stops the host). The delay grows to a few seconds.
/// </summary>
internal sealed partial class ClusterConnectionRetryFilter(ILogger<ClusterConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);

    private int _attempts;
    private DateTime _lastLogged = DateTime.MinValue;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var attempt = Interlocked.Increment(ref _attempts);
        if (DateTime.UtcNow - _lastLogged > LogEvery)
        {
            _lastLogged = DateTime.UtcNow;
            LogWaiting(attempt, exception.Message);
        }

        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(attempt - 1, 8)));
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo reachable yet (attempt {Attempt}): {Reason}; the gateway answers 503 until one is, and keeps trying")]
    private partial void LogWaiting(int attempt, string reason);
}
