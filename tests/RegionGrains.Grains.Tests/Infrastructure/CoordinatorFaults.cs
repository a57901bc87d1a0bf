using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A grain call filter on every silo of the test cluster with one switch: while <see cref="RefuseFor"/> is in
/// force, the coordinator refuses every partition push (as if its silo were shutting down) before the call
/// reaches it, and <see cref="RefusedPushCarried"/> completes once a refused push carried a watched snapshot.
/// </summary>
public sealed class CoordinatorFaults : IIncomingGrainCallFilter
{
    private static readonly Lock Gate = new();
    private static Func<RegionSnapshot, bool>? _watched;
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

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var watched = _watched;
        if (watched is null || context.InterfaceMethod?.DeclaringType != typeof(IFootprintCoordinatorGrain) || context.InterfaceMethod.Name != nameof(IFootprintCoordinatorGrain.ApplyAsync))
        {
            return context.Invoke();
        }

        if (context.Request.GetArgument(0) is PartitionAggregate aggregate && aggregate.Changed.Any(watched))
        {
            _carried.TrySetResult();
        }

        throw new IOException("Injected fault: the coordinator refuses partition pushes.");
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
