namespace RegionGrains.LoadTest.Soak;

/// <summary>What a soak reads of its own process and of the silo's data directory at each sample.</summary>
public static class ProcessProbe
{
    private const string FileDescriptors = "/proc/self/fd";

    /// <summary>
    /// The latest gen-2 collection: a background one or a full blocking one, whichever came later (its
    /// <see cref="GCMemoryInfo.Index"/>). Index 0 when the process has had neither.
    /// </summary>
    /// <remarks>
    /// With concurrent GC on, the runtime's own gen-2 collections are mostly background ones, which
    /// <see cref="GCKind.FullBlocking"/> alone would miss; a blocking one happens when a background one cannot keep up or
    /// is not allowed. Either leaves the heap at its post-gen-2 size, which is what a leak grows.
    /// </remarks>
    public static GCMemoryInfo LatestGen2()
    {
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return background.Index >= blocking.Index ? background : blocking;
    }

    /// <summary>Open file descriptors of this process; null where <c>/proc/self/fd</c> does not exist (not Linux).</summary>
    public static int? OpenHandles()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(FileDescriptors))
        {
            return null;
        }

        // The enumeration's own descriptor is among them: one more than the process holds otherwise, every time alike.
        return Directory.EnumerateFileSystemEntries(FileDescriptors).Count();
    }

    /// <summary>Bytes of every file under <paramref name="directory"/>, and of its -wal files alone.</summary>
    public static (long Total, long Wal) DataFiles(string directory)
    {
        long total = 0;
        long wal = 0;
        if (!Directory.Exists(directory))
        {
            return (0, 0);
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            long length;
            try
            {
                length = new FileInfo(path).Length;
            }
            catch (FileNotFoundException)
            {
                // Deleted between the listing and the read (a -shm on the last connection's close): it holds nothing now.
                continue;
            }

            total += length;
            if (path.EndsWith("-wal", StringComparison.Ordinal))
            {
                wal += length;
            }
        }

        return (total, wal);
    }
}
