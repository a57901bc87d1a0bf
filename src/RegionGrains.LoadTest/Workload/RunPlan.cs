namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// Timing of a run: <see cref="Warmup"/> split between scenario and baseline, then <see cref="Rounds"/> rounds
/// in which each side runs for <see cref="Duration"/>/<see cref="Rounds"/>. Rounds alternate the order
/// (S B, B S, S B, ...) so that drift of the machine (GC, JIT, noisy neighbours) hits both sides alike.
/// </summary>
public sealed record RunPlan(TimeSpan Duration, TimeSpan Warmup, int Rounds)
{
    public TimeSpan RoundDuration => Duration / Rounds;
}
