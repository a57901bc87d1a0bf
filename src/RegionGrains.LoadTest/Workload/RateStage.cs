namespace RegionGrains.LoadTest.Workload;

/// <summary>One stage of an open loop's rate: over <see cref="Duration"/> the rate moves linearly to <see cref="Target"/> operations per second.</summary>
public sealed record RateStage(TimeSpan Duration, double Target);
