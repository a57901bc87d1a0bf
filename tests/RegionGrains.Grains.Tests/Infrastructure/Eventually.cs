namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>Waits for a condition that an asynchronous process makes true, with a bounded timeout.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string awaited)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#}s waiting for {awaited}. Last value: {last}");
            }

            await Task.Delay(25);
            last = await probe();
        }

        return last;
    }
}
