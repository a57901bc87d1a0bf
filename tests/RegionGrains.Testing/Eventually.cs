using System.Diagnostics;

namespace RegionGrains.Testing;

/// <summary>
/// The one polling helper of the process-level tests: waits, with a bounded timeout, for state inside another process
/// that offers no push channel and is readable only by asking it over HTTP, such as a silo's membership view
/// (<c>/cluster/members</c>: Orleans pushes membership changes only to code inside the silo) or which regions a silo
/// holds (<c>/cluster/grains</c>: placement is decided inside the silos). Whatever raises a signal of its own is
/// awaited on that signal instead: the test's load (<see cref="ReservationLoad.WhenAsync"/>), a process's console
/// (<see cref="ClusterProcess.WaitForLineAsync"/>), a process's exit, a 503's <c>Retry-After</c>, the footprint's
/// event stream (<see cref="GatewayApi.NextFootprintEventAsync"/>).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Asks <paramref name="probe"/> every <paramref name="interval"/> (200 ms unless given) until <paramref name="done"/>
    /// holds and returns that value; fails the test with <paramref name="awaited"/>, the last value and
    /// <paramref name="diagnostics"/> after <paramref name="timeout"/>. A probe failing with an HTTP or I/O error counts as "not yet".
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string awaited, Func<string>? diagnostics = null, TimeSpan? interval = null)
    {
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(interval ?? DefaultInterval);
        while (true)
        {
            T last;
            Exception? failure = null;
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                last = default!;
                failure = exception;
            }

            if (waited.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#}s waiting for {awaited}. Last value: {(failure is null ? last : failure.Message)}\n{diagnostics?.Invoke()}");
            }

            await poll.WaitForNextTickAsync();
        }
    }
}
