namespace RegionGrains.LoadTest.Reporting;

/// <summary>The <c>http</c> scenario's own figures.</summary>
public sealed record HttpDetails(
    int GatewayBodyBytes,
    int BaselineBodyBytes,
    int AcknowledgedReservations,
    double MachineCpuSecondsPerOperation,
    double BaselineMachineCpuSecondsPerOperation,
    LatencyReport BaselineLatencyMs,
    string BaselineNote,
    string CpuNote);
