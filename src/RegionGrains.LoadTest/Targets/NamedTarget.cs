namespace RegionGrains.LoadTest.Targets;

/// <summary>
/// A target under another name: the same system loaded with another mix as the baseline (<c>--baseline-mix</c>), so
/// that progress lines and the report tell the two sides apart.
/// </summary>
public sealed class NamedTarget(ILoadTarget inner, string name) : ILoadTarget
{
    public string Name => name;

    public ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken) =>
        inner.ExecuteAsync(kind, key, random, cancellationToken);
}
