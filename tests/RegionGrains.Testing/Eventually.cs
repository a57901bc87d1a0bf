namespace RegionGrains.Testing;

/// <summary>Waits, with a bounded timeout, for something the cluster makes true asynchronously.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string awaited, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
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

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#}s waiting for {awaited}. Last value: {(failure is null ? last : failure.Message)}\n{diagnostics?.Invoke()}");
            }

            await Task.Delay(200);
        }
    }
}
