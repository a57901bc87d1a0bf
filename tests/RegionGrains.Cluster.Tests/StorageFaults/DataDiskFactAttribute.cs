namespace RegionGrains.Cluster.Tests.StorageFaults;

/// <summary>A fact that mounts a <see cref="DataDisk"/>: reported as not applicable (skipped) where mounting cannot be done.</summary>
public sealed class DataDiskFactAttribute : FactAttribute
{
    public DataDiskFactAttribute(DataDiskKind kind)
    {
        if (DataDisk.SkipReason(kind) is { } reason)
        {
            Skip = reason;
        }
    }
}
