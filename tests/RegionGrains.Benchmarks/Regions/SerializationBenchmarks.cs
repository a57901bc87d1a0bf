using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Changes;
using RegionGrains.Grains.Regions.Journal;

namespace RegionGrains.Benchmarks.Regions;

/// <summary>
/// Orleans serialization of what crosses the wire on a read (<see cref="RegionSnapshot"/>), of what a write
/// journals (one <see cref="RegionChange"/>, whatever the region's size), and of a snapshot (the whole
/// <see cref="RegionState"/>, written once every few hundred changes).
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private ServiceProvider _services = null!;
    private Serializer _serializer = null!;
    private RegionSnapshot _snapshot = null!;
    private RegionState _state = null!;
    private byte[] _snapshotBytes = [];

    [Params(0, 100, 1_000)]
    public int Reservations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(RegionState).Assembly).AddAssembly(typeof(RegionSnapshot).Assembly)).BuildServiceProvider();
        _serializer = _services.GetRequiredService<Serializer>();
        _state = RegionFixtures.State(Reservations);
        _snapshot = RegionFixtures.Snapshot(_state);
        _snapshotBytes = _serializer.SerializeToArray(_snapshot);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public byte[] SerializeSnapshot() => _serializer.SerializeToArray(_snapshot);

    [Benchmark]
    public RegionSnapshot DeserializeSnapshot() => _serializer.Deserialize<RegionSnapshot>(_snapshotBytes)!;

    /// <summary>The payload of one journal append: a reservation.</summary>
    [Benchmark]
    public byte[] SerializeChange() => _serializer.SerializeToArray(RegionChangeRecord.Of(
        new ReservationMade(_state.Version + 1, RegionFixtures.Now, "bench", new Reservation("order-1001", "racks", 2, null, RegionFixtures.Now, null))));

    /// <summary>The payload of one snapshot.</summary>
    [Benchmark]
    public byte[] SerializeState() => _serializer.SerializeToArray(_state);
}
