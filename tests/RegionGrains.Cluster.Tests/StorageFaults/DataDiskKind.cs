namespace RegionGrains.Cluster.Tests.StorageFaults;

/// <summary>The file systems <see cref="DataDisk"/> mounts.</summary>
public enum DataDiskKind
{
    /// <summary>tmpfs: filled and freed.</summary>
    Tmpfs,

    /// <summary>ext4 on a loop device: forced read-only by the kernel.</summary>
    Ext4,
}
