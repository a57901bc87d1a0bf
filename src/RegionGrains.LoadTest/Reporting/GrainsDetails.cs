namespace RegionGrains.LoadTest.Reporting;

/// <summary>The <c>grains</c> scenario's own figures.</summary>
public sealed record GrainsDetails(
    double RegionsCreatedPerSecond,
    int AcknowledgedReservations,
    double MachineCpuSecondsPerOperation,
    LatencyReport? BaselineLatencyMs,
    double? BaselineCpuSecondsPerOperation,
    double? CpuRatioToBaseline,
    double? StorageBytesWrittenPerOperation,
    string BaselineNote);
