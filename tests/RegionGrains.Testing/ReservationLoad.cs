using System.Collections.Concurrent;
using System.Diagnostics;

namespace RegionGrains.Testing;

/// <summary>
/// Continuous reservation traffic over HTTP: a few workers, each posting new one-unit reservations with unique ids
/// round-robin over the regions until stopped, recording every attempt with its timing and outcome. Bounded in time
/// and count, loopback only.
/// </summary>
public sealed class ReservationLoad : IAsyncDisposable
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(5);
    private const int MaxAttempts = 200_000;

    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentDictionary<int, TimeSpan> _inFlight = new();
    private readonly CancellationTokenSource _stop = new(MaxDuration);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task[] _workers;
    private int _count;

    public ReservationLoad(HttpClient http, IReadOnlyList<string> regions, string resource, string idPrefix, int workers = 6)
    {
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => RunAsync(http, regions, resource, $"{idPrefix}-w{w}", w))).ToArray();
    }

    /// <summary>Time since the load started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<Attempt> Attempts => _attempts.ToArray();

    /// <summary>When the oldest request still waiting for its answer started, or null when none is.</summary>
    public TimeSpan? OldestInFlight => _inFlight.IsEmpty ? null : _inFlight.Values.Min();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(HttpClient http, IReadOnlyList<string> regions, string resource, string prefix, int offset)
    {
        for (var n = 0; !_stop.IsCancellationRequested && Interlocked.Increment(ref _count) <= MaxAttempts; n++)
        {
            var region = regions[(n + offset) % regions.Count];
            var id = $"{prefix}-{n}";
            var started = _clock.Elapsed;
            _inFlight[offset] = started;
            var (status, contentType, problemType) = await http.ReserveAsync(region, id, resource);
            _attempts.Enqueue(new Attempt(id, region, started, _clock.Elapsed, status, contentType, problemType));
            _inFlight.TryRemove(offset, out _);

            // Paced so that replaying every attempted id afterwards stays quick; the load is still continuous.
            await Task.Delay(Pace, CancellationToken.None);
        }
    }

    /// <summary>One reservation request and what the gateway answered (status -1: no HTTP answer at all).</summary>
    public sealed record Attempt(string ReservationId, string RegionId, TimeSpan Started, TimeSpan Ended, int Status, string? ContentType, string? ProblemType)
    {
        public bool Acknowledged => Status is 200 or 201;

        public bool IsUnavailableProblem => Status == 503 && ContentType == GatewayApi.ProblemJson && ProblemType == GatewayApi.ClusterUnavailable;
    }
}
