using System.Diagnostics;
using System.Globalization;

namespace RegionGrains.Consistency.Tests.Infrastructure;

/// <summary>
/// The POSIX record locks that processes hold on the files of a directory, read from <c>/proc/locks</c> (Linux): what
/// SQLite holds on a database shared by several processes. In WAL mode the write lock is byte 120 of the <c>-shm</c>
/// file (the checkpoint lock 121, recovery 122, the read marks 123–127).
/// </summary>
public static class FileLocks
{
    /// <summary>A lock: the process holding it, the file, its kind (READ or WRITE) and its byte range.</summary>
    public sealed record Held(int ProcessId, string File, string Kind, long Start, string End)
    {
        public bool IsWalWriteLock => File.EndsWith("-shm", StringComparison.Ordinal) && Start <= 120 && (End == "EOF" || long.Parse(End, CultureInfo.InvariantCulture) >= 120) && Kind == "WRITE";

        public override string ToString() => $"{ProcessId} {Kind} {Path.GetFileName(File)} {Start}-{End}{(IsWalWriteLock ? " (WAL write lock)" : "")}";
    }

    /// <summary>The locks held on the files directly in <paramref name="directory"/>; empty where /proc/locks does not exist.</summary>
    public static IReadOnlyList<Held> In(string directory)
    {
        if (!File.Exists("/proc/locks") || !Directory.Exists(directory))
        {
            return [];
        }

        var inodes = new Dictionary<long, string>();
        foreach (var file in Directory.GetFiles(directory))
        {
            using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", file]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = stat.StandardOutput.ReadToEnd().Trim();
            stat.WaitForExit();
            if (stat.ExitCode == 0 && long.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                inodes[inode] = file;
            }
        }

        // A held lock: "1: POSIX  ADVISORY  WRITE 12345 00:1f:4711 120 120" (id, class, mode, kind, pid, device:inode, start, end); a
        // waiter's line has "->" after the id and is skipped.
        var held = new List<Held>();
        foreach (var line in File.ReadLines("/proc/locks"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8 || fields[1] != "POSIX")
            {
                continue;
            }

            var inode = long.Parse(fields[5][(fields[5].LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            if (inodes.TryGetValue(inode, out var file))
            {
                held.Add(new Held(int.Parse(fields[4], CultureInfo.InvariantCulture), file, fields[3], long.Parse(fields[6], CultureInfo.InvariantCulture), fields[7]));
            }
        }

        return held;
    }
}
