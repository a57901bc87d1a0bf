using BenchmarkDotNet.Attributes;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;

namespace RegionGrains.Benchmarks.Regions;

/// <summary>
/// The region grain's per-call domain work. <see cref="ExpireScan"/> is what every call (reads included) runs
/// first while any reservation is held; <see cref="Reserve"/> is the decision of one reservation.
/// </summary>
[MemoryDiagnoser]
public class RegionRulesBenchmarks
{
    private readonly RegionRules _rules = new(new RegionGrainOptions());
    private RegionState _state = null!;
    private ReservationRequest _request = null!;

    [Params(0, 100, 1_000)]
    public int Reservations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = RegionFixtures.State(Reservations);
        _request = new ReservationRequest("new-reservation", "racks", 2);
    }

    [Benchmark]
    public RegionState? ExpireScan() => _rules.Expire(_state, new ChangeContext(RegionFixtures.Now, "bench"))?.Next;

    [Benchmark]
    public DateTimeOffset? NextExpiry() => RegionRules.NextExpiry(_state);

    [Benchmark]
    public RegionState? Reserve() => _rules.Reserve(_state, _request, new ChangeContext(RegionFixtures.Now, "bench")).Next;
}
