using System.Globalization;
using System.Net.ServerSentEvents;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Regions;

namespace RegionGrains.Gateway.Events;

/// <summary>
/// One region's events as server-sent events, read forward from the region's journal: the journal is the source of
/// truth, so a wake-up that was coalesced or lost delays an event but never drops one, and every event is sent once,
/// in version order, with its version as its id.
/// </summary>
internal sealed class RegionEventStream(IRegionGrain region, string regionId, FootprintEventHub.Listener listener, EventStreamOptions options, TimeProvider time)
{
    /// <summary>The event that opens a stream started without a resume point: its id is the region's version then.</summary>
    public const string HeadEvent = "head";

    public static SseItem<object> Head(long version) =>
        new(new StreamHead(version), HeadEvent) { EventId = version.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Events after <paramref name="after"/>, then every later one as it becomes durable, until the stream ends.</summary>
    public async IAsyncEnumerable<SseItem<object>> FollowAsync(SseItem<object>? first, long after)
    {
        using var _ = listener;
        if (first is { } opening)
        {
            yield return opening;
        }

        while (true)
        {
            var page = await region.GetEventsAsync(after, options.PageSize);
            if (page is null || page.Truncated)
            {
                // Only compaction outrunning a stalled stream gets here; ending lets the client resume and be told 410.
                yield break;
            }

            foreach (var e in page.Events)
            {
                after = e.Version;
                yield return Item(e);
            }

            if (page.Events.Length == options.PageSize)
            {
                continue;
            }

            if (!await WaitForChangeAsync(after))
            {
                yield break;
            }
        }
    }

    private static SseItem<object> Item(RegionEvent e) =>
        new(e.ToResponse(), e.Kind.ToString()) { EventId = e.Version.ToString(CultureInfo.InvariantCulture) };

    /// <summary>
    /// Waits until the footprint says the region moved past <paramref name="after"/>, or the catch-up interval passed
    /// and the region's version says so; false when the stream ended (the request ended or the gateway is stopping).
    /// </summary>
    private async Task<bool> WaitForChangeAsync(long after)
    {
        while (true)
        {
            using (var catchUp = new CancellationTokenSource(options.CatchUpInterval, time))
            {
                try
                {
                    if (!await listener.Reader.WaitToReadAsync(catchUp.Token))
                    {
                        return false;
                    }
                }
                catch (OperationCanceledException) when (catchUp.IsCancellationRequested)
                {
                    if ((await region.GetAsync())?.Version > after)
                    {
                        return true;
                    }

                    continue;
                }
            }

            var changed = false;
            while (listener.Reader.TryRead(out var change))
            {
                foreach (var snapshot in change.Regions)
                {
                    changed |= snapshot.Version > after && string.Equals(snapshot.Id, regionId, StringComparison.Ordinal);
                }
            }

            if (changed)
            {
                return true;
            }
        }
    }
}

