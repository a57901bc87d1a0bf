using System.Runtime;
using System.Runtime.InteropServices;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>Where a run ran: enough to tell whether two reports can be compared.</summary>
public sealed record MachineReport(string Host, int Cores, string? CpuModel, long MemoryBytes, string Os, string Runtime, bool ServerGc, string ToolVersion)
{
    public static MachineReport Current() => new(
        Environment.MachineName,
        Environment.ProcessorCount,
        ReadCpuModel(),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        typeof(MachineReport).Assembly.GetName().Version?.ToString() ?? "unknown");

    /// <summary>The processor's name from /proc/cpuinfo (Linux); null elsewhere.</summary>
    private static string? ReadCpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
