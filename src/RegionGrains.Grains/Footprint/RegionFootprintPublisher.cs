using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Footprint;

/// <summary>
/// Pushes a region's latest snapshot to its footprint partition without making the region's callers wait.
/// At most one push is in flight; changes made meanwhile coalesce into the next push of the newest snapshot,
/// and a failed push is retried, so the partition always ends at the region's last version.
/// Runs on the grain's scheduler, so its fields need no locking.
/// </summary>
internal sealed partial class RegionFootprintPublisher(IFootprintPartitionGrain partition, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private RegionSnapshot? _pending;
    private DateTimeOffset _pendingSince;
    private ActivityContext _pendingTrace;
    private Task? _loop;
    private int _failures;

    public void Publish(RegionSnapshot snapshot, DateTimeOffset changedAt)
    {
        if (_pending is null)
        {
            _pendingSince = changedAt;
        }

        _pending = snapshot;
        _pendingTrace = Activity.Current?.Context ?? default;
        _loop ??= RunAsync();
    }

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync()
    {
        // Yield first so the grain's reply goes out before the push.
        await Task.Yield();
        while (_pending is { } snapshot)
        {
            var since = _pendingSince;
            _pending = null;
            using var activity = DomainActivities.StartPublish(snapshot, _pendingTrace);
            try
            {
                await partition.PublishAsync(snapshot, since);
                _failures = 0;
            }
            catch (Exception exception)
            {
                activity.SetFault(exception);
                activity?.Stop(); // the span is the attempt, not the back-off below
                if (_failures++ % 25 == 0)
                {
                    // First of a streak, then about every 5 s: one line per region, not one per retry.
                    LogPublishFailed(exception, snapshot.Id, snapshot.Version, _failures);
                }

                if (_pending is null || _pending.Version < snapshot.Version)
                {
                    _pending = snapshot;
                }

                _pendingSince = since;
                await Task.Delay(RetryDelay);
            }
        }

        _loop = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {RegionId} v{Version} to the footprint failed ({Failures} failures in a row); retrying")]
    private partial void LogPublishFailed(Exception exception, string regionId, long version, int failures);
}
