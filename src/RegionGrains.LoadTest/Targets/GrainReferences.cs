namespace RegionGrains.LoadTest.Targets;

/// <summary>
/// One grain reference per region of a run, made on first use and kept. <c>GetGrain&lt;T&gt;(key)</c> resolves the
/// interface type through attribute reflection on every call (about 5 % of the CPU of a grains run in a profile);
/// the gateway and the silo keep their references, so the load tester does too, for the scenario and its baseline alike.
/// </summary>
public sealed class GrainReferences<TGrain>(IGrainFactory grains, RegionSet regions)
    where TGrain : IGrainWithStringKey
{
    private readonly TGrain?[] _references = new TGrain?[regions.Ids.Length];

    /// <summary>The grain of the region at <paramref name="key"/> (its index in <see cref="RegionSet.Ids"/>).</summary>
    public TGrain this[int key] => _references[key] ??= grains.GetGrain<TGrain>(regions.Ids[key]);
}
