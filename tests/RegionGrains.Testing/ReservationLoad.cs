using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RegionGrains.Testing;

/// <summary>
/// Continuous reservation traffic over HTTP: a few workers, each posting new one-unit reservations with unique ids
/// round-robin over the regions until stopped, recording every attempt with its timing and outcome. Bounded in time
/// and count, loopback only. A test waits on the load's own progress with <see cref="WhenAsync"/>, which the load
/// signals itself each time an attempt ends.
/// </summary>
public sealed class ReservationLoad : IAsyncDisposable
{
    private static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(5);
    private const int MaxAttempts = 200_000;

    // Attempts in the order they ended, and every waiter's condition, are read and changed under one lock, so a
    // condition sees a consistent state and no attempt ends between a waiter's first check and its registration.
    private readonly Lock _gate = new();
    private readonly List<Attempt> _attempts = [];
    private readonly List<Waiter> _waiters = [];
    private readonly ConcurrentDictionary<int, TimeSpan> _inFlight = new();
    private readonly CancellationTokenSource _stop;
    private readonly TimeSpan _maxDuration;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task[] _workers;
    private int _count;
    private int _running;
    private int _acknowledged;
    private int _refused;
    private TimeSpan? _lastFailureEnded;
    private Attempt? _latest;

    /// <summary>
    /// Starts <paramref name="workers"/> workers. The load stops by itself after <paramref name="maxDuration"/> (90 s by
    /// default) if the test never stops it; a test whose fault takes longer on a busy machine, such as a rolling
    /// restart, gives a longer bound.
    /// </summary>
    public ReservationLoad(HttpClient http, IReadOnlyList<string> regions, string resource, string idPrefix, int workers = 6, TimeSpan? maxDuration = null)
    {
        _maxDuration = maxDuration ?? DefaultMaxDuration;
        _stop = new CancellationTokenSource(_maxDuration);
        _running = workers;
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => RunAsync(http, regions, resource, $"{idPrefix}-w{w}", w))).ToArray();
    }

    /// <summary>Time since the load started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<Attempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToArray();
            }
        }
    }

    /// <summary>How many attempts were acknowledged (200 or 201).</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>How many attempts were refused with 409 (e.g. insufficient capacity).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>When the last attempt that was not acknowledged ended, or null when none failed.</summary>
    public TimeSpan? LastFailureEnded
    {
        get
        {
            lock (_gate)
            {
                return _lastFailureEnded;
            }
        }
    }

    /// <summary>The attempt that ended last: inside a <see cref="WhenAsync"/> condition, the one whose end is being checked.</summary>
    public Attempt? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>When the oldest request still waiting for its answer started, or null when none is.</summary>
    public TimeSpan? OldestInFlight => _inFlight.Values is { Count: > 0 } started ? started.Min() : null;

    /// <summary>The attempts that ended after <paramref name="time"/>, newest first (cheap for a recent time).</summary>
    public IReadOnlyList<Attempt> EndedSince(TimeSpan time)
    {
        lock (_gate)
        {
            var since = new List<Attempt>();
            for (var i = _attempts.Count - 1; i >= 0 && _attempts[i].Ended > time; i--)
            {
                since.Add(_attempts[i]);
            }

            return since;
        }
    }

    /// <summary>
    /// Completes when <paramref name="condition"/> holds: checked now, then each time an attempt ends (a condition on
    /// time, such as "2 s after X", is therefore seen at the first attempt that ends after it). Fails the test with
    /// what was awaited and <paramref name="diagnostics"/> after <paramref name="timeout"/>, or when the load stops first.
    /// </summary>
    public async Task WhenAsync(Func<ReservationLoad, bool> condition, TimeSpan timeout, string awaited, Func<string> diagnostics)
    {
        var waiter = new Waiter(condition, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (condition(this))
            {
                return;
            }

            if (Volatile.Read(ref _running) == 0)
            {
                Assert.Fail($"The load had already stopped after {_attempts.Count} attempts, before {awaited}.\n{diagnostics()}");
            }

            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Signal.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s waiting for {awaited} ({Acknowledged} acknowledged of {Attempts.Count} attempts).\n{diagnostics()}");
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The load stopped (after {_maxDuration.TotalSeconds} s or {MaxAttempts} attempts at most) before {awaited}.\n{diagnostics()}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

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
        // Paced so that replaying every attempted id afterwards stays quick: each worker starts at most one request per
        // tick (a slow answer makes the next start at once, never a burst); the load is still continuous.
        using var pace = new PeriodicTimer(Pace);
        try
        {
            for (var n = 0; !_stop.IsCancellationRequested && Interlocked.Increment(ref _count) <= MaxAttempts; n++)
            {
                var region = regions[(n + offset) % regions.Count];
                var id = $"{prefix}-{n}";
                var started = _clock.Elapsed;
                _inFlight[offset] = started;
                var (status, contentType, problemType) = await http.ReserveAsync(region, id, resource);
                Record(offset, new Attempt(id, region, started, _clock.Elapsed, status, contentType, problemType));
                await pace.WaitForNextTickAsync(CancellationToken.None);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0)
            {
                EndWaiters();
            }
        }
    }

    private void Record(int worker, Attempt attempt)
    {
        lock (_gate)
        {
            _inFlight.TryRemove(worker, out _);
            _attempts.Add(attempt);
            _latest = attempt;
            if (attempt.Acknowledged)
            {
                _acknowledged++;
            }
            else
            {
                _lastFailureEnded = attempt.Ended;
                if (attempt.Status == 409)
                {
                    _refused++;
                }
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var waiter = _waiters[i];
                try
                {
                    if (!waiter.Condition(this))
                    {
                        continue;
                    }

                    waiter.Signal.TrySetResult();
                }
                catch (Exception exception)
                {
                    waiter.Signal.TrySetException(exception);
                }

                _waiters.RemoveAt(i);
            }
        }
    }

    private void EndWaiters()
    {
        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Signal.TrySetCanceled();
            }

            _waiters.Clear();
        }
    }

    private sealed record Waiter(Func<ReservationLoad, bool> Condition, TaskCompletionSource Signal);

    /// <summary>One reservation request and what the gateway answered (status -1: no HTTP answer at all).</summary>
    public sealed record Attempt(string ReservationId, string RegionId, TimeSpan Started, TimeSpan Ended, int Status, string? ContentType, string? ProblemType)
    {
        public bool Acknowledged => Status is 200 or 201;

        public bool IsUnavailableProblem => Status == 503 && ContentType == GatewayApi.ProblemJson && ProblemType == GatewayApi.ClusterUnavailable;
    }
}
