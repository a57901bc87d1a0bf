using System.Collections.Immutable;

namespace RegionGrains.LoadTest.Targets;

/// <summary>
/// One grain reference per key of a run (its regions, or its consumers), made on first use and kept.
/// <c>GetGrain&lt;T&gt;(key)</c> resolves the interface type through attribute reflection on every call (about 5 % of
/// the CPU of a grains run in a profile); the gateway and the silo keep their references, so the load tester does too,
/// for the scenario and its baseline alike.
/// </summary>
public sealed class GrainReferences<TGrain>(IGrainFactory grains, ImmutableArray<string> keys)
    where TGrain : IGrainWithStringKey
{
    private readonly TGrain?[] _references = new TGrain?[keys.Length];

    /// <summary>References to the grains of the run's regions.</summary>
    public GrainReferences(IGrainFactory grains, RegionSet regions)
        : this(grains, regions.Ids)
    {
    }

    /// <summary>The grain of the key at <paramref name="index"/> (for regions, its index in <see cref="RegionSet.Ids"/>).</summary>
    public TGrain this[int index] => _references[index] ??= grains.GetGrain<TGrain>(keys[index]);
}
