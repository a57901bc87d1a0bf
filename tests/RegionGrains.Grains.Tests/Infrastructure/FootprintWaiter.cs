using System.Threading.Channels;
using RegionGrains.Abstractions.Footprint;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// Waits for the coordinator's footprint to satisfy a condition by listening to its change notifications
/// (the signal the footprint itself gives), within a bounded time. The subscription is renewed on every
/// round, so a coordinator that lost its activation, and with it its observers, is heard again.
/// </summary>
public sealed class FootprintWaiter(IClusterClient client) : IFootprintObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(1);
    private readonly Channel<FootprintChange> _changes = Channel.CreateUnbounded<FootprintChange>();

    public Task OnFootprintChangedAsync(FootprintChange change)
    {
        _changes.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task<GlobalFootprint> UntilAsync(Func<GlobalFootprint, bool> done, TimeSpan timeout, string awaited) =>
        UntilAsync(footprint => Task.FromResult(done(footprint)), timeout, awaited);

    /// <summary>
    /// As above, with a condition that reads more than the footprint (the region list, say): it is evaluated again on
    /// every change notification and at least every second.
    /// </summary>
    public async Task<GlobalFootprint> UntilAsync(Func<GlobalFootprint, Task<bool>> done, TimeSpan timeout, string awaited)
    {
        var coordinator = client.GetGrain<IFootprintGrain>(IFootprintGrain.Key);
        var reference = client.CreateObjectReference<IFootprintObserver>(this);
        using var deadline = new CancellationTokenSource(timeout);
        GlobalFootprint? last = null;
        try
        {
            while (true)
            {
                await coordinator.SubscribeAsync(reference);
                last = await coordinator.GetAsync();
                if (await done(last))
                {
                    return last;
                }

                // Wake on the next notification; renew the subscription at least every second.
                using var round = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                round.CancelAfter(Renewal);
                try
                {
                    await _changes.Reader.WaitToReadAsync(round.Token);
                    while (_changes.Reader.TryRead(out _))
                    {
                    }
                }
                catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#}s waiting for {awaited}. Last footprint: {last}");
            throw;
        }
        finally
        {
            await coordinator.UnsubscribeAsync(reference);
            client.DeleteObjectReference<IFootprintObserver>(reference);
        }
    }
}
