using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A grain call filter on every silo of the test cluster with two switches: while <see cref="RefuseFor"/> is in
/// force, the coordinator refuses every partition push (as if its silo were shutting down) before the call
/// reaches it, and <see cref="RefusedPushCarried"/> completes once a refused push carried a watched snapshot;
/// while <see cref="HoldPushes"/> is in force, pushes wait in the coordinator's turn (as while it is busy
/// activating) until the hold is disposed.
/// </summary>
public sealed class CoordinatorFaults : IIncomingGrainCallFilter
{
    private static readonly Lock Gate = new();
    private static Func<RegionSnapshot, bool>? _watched;
    private static Hold? _hold;
    private static TaskCompletionSource _carried = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a refused push listed a watched snapshot among its changed regions.</summary>
    public static Task RefusedPushCarried => _carried.Task;

    /// <summary>Starts refusing pushes; dispose the result to accept them again.</summary>
    public static IDisposable RefuseFor(Func<RegionSnapshot, bool> watched)
    {
        lock (Gate)
        {
            _carried = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _watched = watched;
        }

        return new Release();
    }

    /// <summary>Holds every partition push in the coordinator until the result is disposed.</summary>
    public static Hold HoldPushes()
    {
        var hold = new Hold();
        lock (Gate)
        {
            _hold = hold;
        }

        return hold;
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var watched = _watched;
        var isPush = context.InterfaceMethod?.DeclaringType == typeof(IFootprintCoordinatorGrain) && context.InterfaceMethod.Name == nameof(IFootprintCoordinatorGrain.ApplyAsync);
        if (isPush && _hold is { } hold)
        {
            return HeldAsync(context, hold);
        }

        if (watched is null || !isPush)
        {
            return context.Invoke();
        }

        if (context.Request.GetArgument(0) is PartitionAggregate aggregate && aggregate.Changed.Any(watched))
        {
            _carried.TrySetResult();
        }

        throw new IOException("Injected fault: the coordinator refuses partition pushes.");
    }

    private static async Task HeldAsync(IIncomingGrainCallContext context, Hold hold)
    {
        hold.Holding.TrySetResult();
        await hold.Released.Task;
        await context.Invoke();
    }

    /// <summary>A hold on partition pushes; <see cref="Holding"/> completes once a push waits in it.</summary>
    public sealed class Hold : IDisposable
    {
        internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose()
        {
            lock (Gate)
            {
                if (_hold == this)
                {
                    _hold = null;
                }
            }

            Released.TrySetResult();
        }
    }

    private sealed class Release : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                _watched = null;
            }
        }
    }
}
