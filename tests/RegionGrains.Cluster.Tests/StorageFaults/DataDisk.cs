using System.Diagnostics;
using System.Globalization;

namespace RegionGrains.Cluster.Tests.StorageFaults;

/// <summary>
/// A small file system mounted for one data directory, so that a test can break the disk under a running process:
/// fill it (tmpfs), or have the kernel force it read-only as it does after an I/O error (ext4 on a loop device).
/// Mounting needs root; <see cref="SkipReason"/> says when it cannot be done here. Disposing unmounts it (lazily when
/// a process still holds it) and removes its directory.
/// </summary>
/// <remarks>
/// The disk is mounted inside a shared bind mount of its own folder. A process that enters a new mount namespace while
/// the disk is mounted (<c>ip netns exec</c>, as the multi-host suite does when it runs at the same time) gets a copy
/// of every mount; under a private parent that copy would outlive the unmount here and keep the file system alive, so a
/// repaired ext4 disk would come back as the same aborted, read-only file system. Under a shared parent the unmount
/// reaches the copies too.
/// </remarks>
public sealed class DataDisk : IDisposable
{
    private const string FillerName = "filler";
    private readonly string _root;
    private readonly string? _image;

    private DataDisk(string root, string? image)
    {
        _root = root;
        _image = image;
        try
        {
            Run("mount", "--bind", "--make-shared", root, root);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }

        Directory.CreateDirectory(DataDirectory);
    }

    /// <summary>The mount point, which the process under test uses as its data directory.</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Why this kind of disk cannot be mounted here, or null when it can.</summary>
    public static string? SkipReason(DataDiskKind kind) => kind == DataDiskKind.Tmpfs ? TmpfsSkipReason.Value : Ext4SkipReason.Value;

    private static readonly Lazy<string?> TmpfsSkipReason = new(() => Probe(DataDiskKind.Tmpfs));
    private static readonly Lazy<string?> Ext4SkipReason = new(() => Probe(DataDiskKind.Ext4));

    /// <summary>A tmpfs of <paramref name="megabytes"/> MiB.</summary>
    public static DataDisk MountTmpfs(int megabytes)
    {
        var root = Directory.CreateTempSubdirectory("regiongrains-disk-").FullName;
        var disk = new DataDisk(root, image: null);
        disk.MountOrCleanUp(["-t", "tmpfs", "-o", $"size={megabytes.ToString(CultureInfo.InvariantCulture)}M", "tmpfs", disk.DataDirectory]);
        return disk;
    }

    /// <summary>
    /// An ext4 file system of <paramref name="megabytes"/> MiB in an image file on a loop device, mounted with
    /// <c>errors=remount-ro</c> (the default of most distributions' root file systems).
    /// </summary>
    public static DataDisk MountExt4(int megabytes)
    {
        var root = Directory.CreateTempSubdirectory("regiongrains-disk-").FullName;
        var image = Path.Combine(root, "disk.img");
        using (var file = File.Create(image))
        {
            file.SetLength(megabytes * 1024L * 1024L);
        }

        Run("mkfs.ext4", "-q", "-F", image);
        var disk = new DataDisk(root, image);
        disk.MountOrCleanUp(MountExt4Arguments(image, disk.DataDirectory));
        return disk;
    }

    /// <summary>Writes a file until the disk has no space left. Returns how many bytes it took.</summary>
    public long Fill()
    {
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)0x5a);
        using var filler = new FileStream(Path.Combine(DataDirectory, FillerName), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        // Megabytes first, then pages, so that what is left is less than a page.
        foreach (var size in new[] { chunk.Length, 4096, 512 })
        {
            try
            {
                while (true)
                {
                    filler.Write(chunk, 0, size);
                }
            }
            catch (IOException)
            {
                // No space left for a piece of this size.
            }
        }

        return filler.Position;
    }

    /// <summary>Deletes the filler: the space is free again.</summary>
    public void Free() => File.Delete(Path.Combine(DataDirectory, FillerName));

    /// <summary>
    /// <c>mount -o remount,ro</c>: Linux refuses it ("mount point is busy") while any file on the disk is open for
    /// writing, so it is for a disk no process uses yet.
    /// </summary>
    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", DataDirectory);

    /// <summary>
    /// Has ext4 report an error on this file system (<c>/sys/fs/ext4/&lt;device&gt;/trigger_fs_error</c>), which with
    /// <c>errors=remount-ro</c> makes the kernel abort its journal and turn it read-only under every open file, as after
    /// a failing disk. It stays read-only until it is unmounted (<see cref="Repair"/>).
    /// </summary>
    /// <remarks>
    /// An <c>fdatasync</c> that overlaps the abort may return success although the aborted journal never recorded the
    /// file's new size, so a write acknowledged then can be missing after the repair: Linux's own window, shown without
    /// RegionGrains by <c>deploy/bench/ext4-abort-window.py</c>.
    /// </remarks>
    public void ForceReadOnly()
    {
        var device = Path.GetFileName(Run("findmnt", "-no", "SOURCE", DataDirectory).Trim());
        File.WriteAllText($"/sys/fs/ext4/{device}/trigger_fs_error", "storage fault test");
        var options = Run("findmnt", "-no", "OPTIONS", DataDirectory).Trim();
        if (!options.Split(',').Contains("emergency_ro") && !options.StartsWith("ro", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{DataDirectory} is still writable after the error ({options}).");
        }
    }

    /// <summary>What an operator does once nothing uses the disk: unmount it, check it (<c>e2fsck -fy</c>), mount it again.</summary>
    public void Repair()
    {
        var image = _image ?? throw new InvalidOperationException("Only an ext4 disk is repaired.");
        Run("umount", DataDirectory);
        // e2fsck exits 1 when it corrected something, which is what it is run for here.
        Run("e2fsck", [0, 1], "-fy", image);
        Run("mount", MountExt4Arguments(image, DataDirectory));
        var options = Run("findmnt", "-no", "OPTIONS", DataDirectory).Trim();
        if (!options.StartsWith("rw", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{DataDirectory} came back read-only after the repair ({options}): another mount of the file system outlived the unmount.");
        }
    }

    public void Dispose()
    {
        if (IsMounted(DataDirectory))
        {
            if (!TryRun("umount", DataDirectory))
            {
                // A process that outlived the test still holds a file: detach the mount now, the kernel ends it later.
                TryRun("umount", "-l", DataDirectory);
            }
        }

        RemoveRoot();
    }

    private void RemoveRoot()
    {
        if (!TryRun("umount", _root))
        {
            TryRun("umount", "-l", _root);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A lazily detached mount point may stay busy for a moment; the temp directory is left behind then.
        }
    }

    private static string[] MountExt4Arguments(string image, string directory) => ["-o", "loop,errors=remount-ro", image, directory];

    private void MountOrCleanUp(string[] arguments)
    {
        try
        {
            Run("mount", arguments);
        }
        catch
        {
            RemoveRoot();
            throw;
        }
    }

    private static string? Probe(DataDiskKind kind)
    {
        // In CI (CI=true, root on Linux) these tests never skip: they run, and fail if the disk cannot be mounted.
        if (RedisServer.IsCi)
        {
            return null;
        }

        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "Not applicable here: mounting a file system for the data directory needs root on Linux; never skipped in CI (CI=true), where it runs as root.";
        }

        try
        {
            using var disk = kind == DataDiskKind.Tmpfs ? MountTmpfs(1) : MountExt4(8);
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return $"Not applicable here: a {kind} file system cannot be mounted ({exception.Message}).";
        }
    }

    private static bool IsMounted(string directory) => TryRun("mountpoint", "-q", directory);

    private static bool TryRun(string file, params string[] arguments)
    {
        try
        {
            Run(file, arguments);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Run(string file, params string[] arguments) => Run(file, [0], arguments);

    private static string Run(string file, int[] success, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within 30 s.");
        }

        if (!success.Contains(process.ExitCode))
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors.Trim()}");
        }

        return output.Result;
    }
}
