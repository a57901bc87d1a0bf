using BenchmarkDotNet.Attributes;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Benchmarks.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Benchmarks.Footprint;

/// <summary>The footprint partition's work per region update, and the stable hash that routes an update to a partition.</summary>
[MemoryDiagnoser]
public class FootprintBenchmarks
{
    private readonly FootprintSums _sums = new();
    private readonly string _regionId = "br-sao-paulo";
    private RegionSnapshot _previous = null!;
    private RegionSnapshot _next = null!;

    [GlobalSetup]
    public void Setup()
    {
        var state = RegionFixtures.State(0);
        _previous = RegionFixtures.Snapshot(state);
        _next = _previous with { Version = _previous.Version + 1, Capacity = _previous.Capacity.SetItem("power_kw", new CapacityPool(1_000_000_001, 0)) };
        for (var i = 0; i < 1_000; i++)
        {
            _sums.Replace(null, RegionFixtures.Snapshot(state, $"region-{i}"));
        }

        _sums.Replace(null, _previous);
    }

    /// <summary>Replace one snapshot by its successor in the running sums (twice, so the sums stay as they were).</summary>
    [Benchmark]
    public void ReplaceSnapshot()
    {
        _sums.Replace(_previous, _next);
        _sums.Replace(_next, _previous);
    }

    /// <summary>What a partition builds each push interval when it has changes.</summary>
    [Benchmark]
    public PartitionAggregate ToAggregate() => _sums.ToAggregate(0, [], null);

    [Benchmark]
    public int PartitionOf() => FootprintPartitioning.PartitionOf(_regionId, 16);
}
