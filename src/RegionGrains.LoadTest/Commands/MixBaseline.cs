namespace RegionGrains.LoadTest.Commands;

/// <summary>The baseline <c>--baseline-mix</c> asks for: the scenario's own target with another mix, in the same rounds.</summary>
public static class MixBaseline
{
    /// <summary>
    /// <paramref name="target"/> loaded with <paramref name="mix"/> on the same keys, concurrency and loop as the
    /// scenario, named after both (<c>region-grain reserve=100</c>), so that the ratio is one kind of operation against another.
    /// </summary>
    public static RunSide Create(ILoadTarget target, OperationMix mix, RegionLoadSettings settings)
    {
        var name = $"{target.Name} {mix}";
        return new RunSide(new NamedTarget(target, name), new LoadShape(settings.Concurrency, settings.OpenLoop, mix, settings.CreateKeys(), settings.Seed), new PhaseStats(name));
    }
}
