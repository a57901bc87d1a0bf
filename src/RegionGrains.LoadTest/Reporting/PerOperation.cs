namespace RegionGrains.LoadTest.Reporting;

/// <summary>Costs divided by the operations that incurred them, as the reports give them.</summary>
public static class PerOperation
{
    /// <summary>CPU seconds per operation; 0 when nothing ran.</summary>
    public static double CpuSeconds(TimeSpan cpu, long operations) => operations == 0 ? 0 : cpu.TotalSeconds / operations;
}
