namespace RegionGrains.LoadTest.Reporting;

/// <summary>
/// One second of one side of a run: what completed in it and what the process spent on it. <see cref="Second"/>
/// counts the side's measured time, its rounds end to end, so the scenario and its baseline share one time axis.
/// </summary>
/// <param name="Second">Seconds of the side's measured time at the end of this point.</param>
/// <param name="Round">The round (from 1) the second belongs to.</param>
/// <param name="Seconds">The wall time the point covers (about 1; the last of a round also takes the calls still in flight at its end).</param>
/// <param name="Operations">Operations completed in it, every kind.</param>
/// <param name="ByOperation">Each kind's count, rate and latency in this second; kinds that completed nothing are left out.</param>
/// <param name="CpuCores">CPU time of this process per second of wall time (2 = two cores busy).</param>
/// <param name="MachineCpuCores">Busy CPU time of the whole machine per second (Linux; 0 elsewhere).</param>
/// <param name="Gen0">Generation 0 collections in it.</param>
/// <param name="Gen1">Generation 1 collections in it.</param>
/// <param name="Gen2">Generation 2 collections in it.</param>
/// <param name="GcPauseMs">Time the runtime paused threads for collections in it.</param>
/// <param name="HeapBytes">The managed heap's size at its end.</param>
public sealed record TimelinePoint(
    double Second,
    int Round,
    double Seconds,
    long Operations,
    IReadOnlyDictionary<string, IntervalLatency> ByOperation,
    double CpuCores,
    double MachineCpuCores,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseMs,
    long HeapBytes)
{
    public double OperationsPerSecond => Seconds <= 0 ? 0 : Math.Round(Operations / Seconds, 1);
}
