namespace RegionGrains.Grains.Footprint;

/// <summary>Maps a region to its partition with a hash that is stable across processes (string.GetHashCode is not).</summary>
internal static class FootprintPartitioning
{
    public static int PartitionOf(string regionId, int partitions)
    {
        // FNV-1a, 32 bit.
        var hash = 2166136261u;
        foreach (var c in regionId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }
}
