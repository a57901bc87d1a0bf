using System.Diagnostics;
using System.Globalization;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// CPU time, GC counts and bytes written to storage over an interval, of this process and (on Linux) the machine's CPU.
/// </summary>
/// <param name="ProcessCpu">CPU time of this process.</param>
/// <param name="MachineCpu">Busy CPU time of the whole machine.</param>
/// <param name="Gen0">Generation 0 collections.</param>
/// <param name="Gen1">Generation 1 collections.</param>
/// <param name="Gen2">Generation 2 collections.</param>
/// <param name="StorageBytesWritten">Bytes this process caused to be written to storage (Linux <c>/proc/self/io</c> write_bytes; 0 elsewhere).</param>
public sealed record ProcessUsage(TimeSpan ProcessCpu, TimeSpan MachineCpu, int Gen0, int Gen1, int Gen2, long StorageBytesWritten = 0)
{
    public static ProcessUsage Zero { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0);

    public static ProcessUsage operator +(ProcessUsage a, ProcessUsage b) => new(
        a.ProcessCpu + b.ProcessCpu, a.MachineCpu + b.MachineCpu, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.StorageBytesWritten + b.StorageBytesWritten);

    /// <summary>A reading now; subtract two readings for an interval.</summary>
    public static ProcessUsage Read()
    {
        using var process = Process.GetCurrentProcess();
        return new(process.TotalProcessorTime, MachineBusyTime(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), StorageWriteBytes());
    }

    public static ProcessUsage operator -(ProcessUsage end, ProcessUsage start) => new(
        end.ProcessCpu - start.ProcessCpu, end.MachineCpu - start.MachineCpu, end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2,
        end.StorageBytesWritten - start.StorageBytesWritten);

    /// <summary>The kernel's count of bytes this process sent toward storage (WAL, database and checkpoint writes alike).</summary>
    private static long StorageWriteBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/io").FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Busy CPU time of every process on the machine (user+nice+system+irq+softirq from /proc/stat); zero elsewhere.</summary>
    private static TimeSpan MachineBusyTime()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            if (line is null)
            {
                return TimeSpan.Zero;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            foreach (var index in new[] { 1, 2, 3, 6, 7 })
            {
                busy += long.Parse(fields[index], CultureInfo.InvariantCulture);
            }

            // Linux reports these in USER_HZ, 100 per second on every common configuration.
            return TimeSpan.FromSeconds(busy / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
        catch (UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }
}
