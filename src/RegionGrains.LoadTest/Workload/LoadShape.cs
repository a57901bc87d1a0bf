namespace RegionGrains.LoadTest.Workload;

/// <summary>How operations are issued in one phase.</summary>
/// <param name="Concurrency">Closed loop: number of workers. Open loop: most operations in flight at once.</param>
/// <param name="Rate">Open loop when set: when each operation starts (a constant rate, or stages that ramp it).</param>
/// <param name="Mix">Which operations.</param>
/// <param name="Keys">Which regions.</param>
/// <param name="Seed">Seed of the workers' random choices, so a run can be repeated.</param>
public sealed record LoadShape(int Concurrency, RateSchedule? Rate, OperationMix Mix, KeyDistribution Keys, int Seed = 1);
