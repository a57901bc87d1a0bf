using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>
/// The region's commit path as written (<see cref="HandWrittenRegionGrain"/>) against Orleans' <c>JournaledGrain</c>
/// with custom storage (<see cref="JournaledRegionGrain"/>), through real grain calls in one silo over the same journal.
/// An operation is one durable write decided by the region's rules: 64 regions of each kind, each with one caller
/// reserving and releasing in turn, so a region's state stays small and every write appends one record.
/// </summary>
/// <remarks>
/// Neither grain writes snapshots: the comparison is of the commit machinery alone. Each case starts its own silo
/// and journal, so the two grains never share a process's warm-up or a journal's size.
/// </remarks>
[MemoryDiagnoser]
public class CommitPathBenchmarks
{
    private const int Regions = 64;
    private const int PairsPerRegion = 8;
    private const int Operations = Regions * PairsPerRegion * 2;

    private BenchmarkSilo _silo = null!;
    private IRegionWriterGrain[] _handWritten = [];
    private IRegionWriterGrain[] _journaled = [];
    private int _round;

    /// <summary>Where the journal keeps its records: <c>memory</c> (the CPU of the path alone) or <c>sqlite</c> (durable, group-committed).</summary>
    [Params("memory", "sqlite")]
    public string Journal { get; set; } = "memory";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await BenchmarkSilo.StartAsync(Journal);
        _handWritten = [.. Enumerable.Range(0, Regions).Select(i => _silo.Grains.GetGrain<IHandWrittenRegionGrain>($"hand-{i}"))];
        _journaled = [.. Enumerable.Range(0, Regions).Select(i => _silo.Grains.GetGrain<IJournaledRegionGrain>($"journaled-{i}"))];
        await Task.WhenAll(_handWritten.Concat(_journaled).Select(g => g.DefineAsync(1_000_000)));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _silo.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public Task HandWritten() => WriteAsync(_handWritten);

    [Benchmark(OperationsPerInvoke = Operations)]
    public Task Journaled() => WriteAsync(_journaled);

    private Task WriteAsync(IRegionWriterGrain[] regions)
    {
        var round = ++_round;
        return Task.WhenAll(regions.Select(region => ReserveAndReleaseAsync(region, round)));
    }

    private static async Task ReserveAndReleaseAsync(IRegionWriterGrain region, int round)
    {
        for (var i = 0; i < PairsPerRegion; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"r-{round}-{i}");
            if (!await region.ReserveAsync(id) || !await region.ReleaseAsync(id))
            {
                throw new InvalidOperationException($"The rules refused a write to {region.GetPrimaryKeyString()}.");
            }
        }
    }
}
