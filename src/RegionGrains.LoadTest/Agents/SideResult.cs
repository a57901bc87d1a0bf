namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// One side of an agent's run (the scenario, or its baseline) as the agent sends it: counts, the process's usage, its
/// seconds and rounds, and every latency histogram encoded (<see cref="HistogramCodec"/>), never percentiles.
/// </summary>
/// <param name="Name">The side's name (<c>region-grain</c>, <c>bare-kestrel</c>, ...).</param>
/// <param name="Operations">Completed operations.</param>
/// <param name="ElapsedSeconds">Measured wall time, the rounds together.</param>
/// <param name="Errors">Faults by kind.</param>
/// <param name="Refusals">Expected refusals by kind.</param>
/// <param name="Usage">CPU, GC and storage writes of the agent's process (and its machine's CPU) over the measured rounds.</param>
/// <param name="Latency">The whole side's latency histogram.</param>
/// <param name="LatencyByKind">Each operation kind's histogram, by the kind's name; kinds that completed nothing are left out.</param>
/// <param name="Rounds">Each round's figures, in order.</param>
/// <param name="RoundLatency">Each round's histogram, in the same order.</param>
/// <param name="Timeline">The measured seconds.</param>
public sealed record SideResult(
    string Name,
    long Operations,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> Refusals,
    UsageResult Usage,
    string Latency,
    IReadOnlyDictionary<string, string> LatencyByKind,
    IReadOnlyList<RoundReport> Rounds,
    IReadOnlyList<string> RoundLatency,
    IReadOnlyList<TimelinePoint> Timeline)
{
    public static SideResult From(PhaseStats stats) => new(
        stats.Name,
        stats.Operations,
        stats.Elapsed.TotalSeconds,
        stats.Errors.Snapshot(),
        stats.Refusals.Snapshot(),
        UsageResult.From(stats.Usage),
        HistogramCodec.Encode(stats.Latency.Total()),
        Enum.GetValues<OperationKind>()
            .Select(kind => (Name: kind.ToString().ToLowerInvariant(), Histogram: stats.LatencyByKind[(int)kind].Total()))
            .Where(k => k.Histogram.TotalCount > 0)
            .ToDictionary(k => k.Name, k => HistogramCodec.Encode(k.Histogram)),
        stats.Rounds,
        [.. stats.RoundLatency.Select(HistogramCodec.Encode)],
        stats.Timeline);
}

/// <summary><see cref="ProcessUsage"/> on the wire, times in seconds.</summary>
public sealed record UsageResult(double ProcessCpuSeconds, double MachineCpuSeconds, int Gen0, int Gen1, int Gen2, long StorageBytesWritten)
{
    public static UsageResult From(ProcessUsage usage) =>
        new(usage.ProcessCpu.TotalSeconds, usage.MachineCpu.TotalSeconds, usage.Gen0, usage.Gen1, usage.Gen2, usage.StorageBytesWritten);

    public ProcessUsage ToUsage() =>
        new(TimeSpan.FromSeconds(ProcessCpuSeconds), TimeSpan.FromSeconds(MachineCpuSeconds), Gen0, Gen1, Gen2, StorageBytesWritten);
}
