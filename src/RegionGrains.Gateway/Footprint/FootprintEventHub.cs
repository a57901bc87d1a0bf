using System.Threading.Channels;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Gateway.Grains;

namespace RegionGrains.Gateway.Footprint;

/// <summary>
/// One grain observer per gateway process, subscribed to the coordinator, fanning changes out to every
/// open event stream. The subscription is renewed well before it lapses and re-made after a failure,
/// so a coordinator that moved or restarted is found again.
/// </summary>
internal sealed partial class FootprintEventHub(IClusterClient cluster, ILogger<FootprintEventHub> logger)
    : BackgroundService, IFootprintObserver
{
    private readonly Lock _gate = new();
    private readonly List<Channel<FootprintChange>> _listeners = [];

    public Task OnFootprintChangedAsync(FootprintChange change)
    {
        lock (_gate)
        {
            foreach (var listener in _listeners)
            {
                // Bounded with drop-oldest: a slow reader loses intermediate footprints, never the newest one.
                listener.Writer.TryWrite(change);
            }
        }

        return Task.CompletedTask;
    }

    public ChannelReader<FootprintChange> Listen(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<FootprintChange>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _listeners.Add(channel);
        }

        cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _listeners.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved inside the loop: in client mode the gateway starts before it reached any silo, and until then
        // the client cannot resolve grain references.
        IFootprintObserver? reference = null;
        var renew = IFootprintGrain.ObserverLifetime / 4;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                reference ??= cluster.CreateObjectReference<IFootprintObserver>(this);
                await cluster.FootprintGrain().SubscribeAsync(reference);
                await Task.Delay(renew, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogSubscribeFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to footprint changes failed; retrying")]
    private partial void LogSubscribeFailed(Exception exception);
}
