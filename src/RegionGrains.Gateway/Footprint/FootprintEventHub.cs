using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Grains;

namespace RegionGrains.Gateway.Footprint;

/// <summary>
/// One grain observer per gateway process, subscribed to the coordinator, fanning changes out to every
/// open event stream. The subscription is renewed well before it lapses and re-made after a failure,
/// so a coordinator that moved or restarted is found again.
/// </summary>
internal sealed partial class FootprintEventHub(IClusterClient cluster, IOptionsMonitor<RateLimitOptions> limitOptions, ILogger<FootprintEventHub> logger)
    : BackgroundService, IFootprintObserver
{
    private readonly Lock _gate = new();
    private readonly List<Channel<FootprintChange>> _listeners = [];
    private readonly Dictionary<string, int> _streamsByCaller = new(StringComparer.Ordinal);

    /// <summary>Raised after a stream opened or closed.</summary>
    public event Action? StreamsChanged;

    /// <summary>Open streams over all callers; for tests and diagnostics.</summary>
    public int OpenStreams
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the hub first subscribed to the coordinator. A stream that opened before then would miss the
    /// changes made in between (just after the gateway started), with no later event to correct them.
    /// </summary>
    public Task Subscribed => _subscribed.Task;

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

    /// <summary>
    /// Opens a listener for <paramref name="caller"/> (null: counted only in the total), or returns null when the caller or the process already holds
    /// as many streams as configured. The listener ends when <paramref name="cancellationToken"/> fires or when it is
    /// disposed, whichever comes first, and then holds nothing more.
    /// </summary>
    public Listener? TryListen(string? caller, CancellationToken cancellationToken)
    {
        var limits = limitOptions.CurrentValue;
        var channel = Channel.CreateBounded<FootprintChange>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            var open = caller is null ? 0 : _streamsByCaller.GetValueOrDefault(caller);
            if ((caller is not null && open >= limits.StreamsPerCaller) || _listeners.Count >= limits.StreamsTotal)
            {
                return null;
            }

            if (caller is not null)
            {
                _streamsByCaller[caller] = open + 1;
            }

            _listeners.Add(channel);
        }

        var listener = new Listener(this, caller, channel);
        StreamsChanged?.Invoke();
        listener.EndWhen(cancellationToken);
        return listener;
    }

    private void Remove(Listener listener)
    {
        lock (_gate)
        {
            if (!_listeners.Remove(listener.Channel))
            {
                return;
            }

            // A stream without a caller counts only in the total; it is ended all the same (completing its channel is
            // what ends a stream that waits for a change once its request or the gateway ends).
            if (listener.Caller is { } caller)
            {
                var open = _streamsByCaller[caller] - 1;
                if (open == 0)
                {
                    _streamsByCaller.Remove(caller);
                }
                else
                {
                    _streamsByCaller[caller] = open;
                }
            }
        }

        listener.Channel.Writer.TryComplete();
        StreamsChanged?.Invoke();
    }

    /// <summary>How often the hub renews its subscription, which bounds how long streams stay silent after the coordinator moved.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved inside the loop: in client mode the gateway starts before it reached any silo, and until then
        // the client cannot resolve grain references.
        IFootprintObserver? reference = null;

        // Renewed often, not just before the lifetime lapses: a coordinator that moved (its silo died) starts with no
        // observers, and until the next renewal the gateway's streams hear no change. A renewal is one grain call.
        var renew = RenewInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                reference ??= cluster.CreateObjectReference<IFootprintObserver>(this);
                await cluster.FootprintGrain().SubscribeAsync(reference);
                _subscribed.TrySetResult();
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

    /// <summary>One open stream: its channel, counted against its caller until disposed.</summary>
    internal sealed class Listener(FootprintEventHub hub, string? caller, Channel<FootprintChange> channel) : IDisposable
    {
        private CancellationTokenRegistration _registration;

        /// <summary>The caller the stream counts against, or null when it counts only in the total.</summary>
        public string? Caller { get; } = caller;

        public Channel<FootprintChange> Channel { get; } = channel;

        public ChannelReader<FootprintChange> Reader => Channel.Reader;

        public void EndWhen(CancellationToken cancellationToken) =>
            _registration = cancellationToken.UnsafeRegister(static state => ((Listener)state!).Dispose(), this);

        public void Dispose()
        {
            hub.Remove(this);
            _registration.Dispose();
        }
    }
}
