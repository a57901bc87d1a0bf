namespace RegionGrains.LoadTest.Targets;

/// <summary>
/// The scenario's target made slower by a fixed delay before each operation: a regression the tests can produce on
/// purpose (<c>--inject-delay</c>, hidden and test-only), to check that <c>compare</c> finds it.
/// </summary>
public sealed class DelayedTarget(ILoadTarget inner, TimeSpan delay) : ILoadTarget
{
    public string Name => inner.Name;

    public async ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.ExecuteAsync(kind, key, random, cancellationToken);
    }
}
